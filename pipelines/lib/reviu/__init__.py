"""Reviu: the Inspektorat-style review of a published LKjIP, and the stewards quality suites."""
