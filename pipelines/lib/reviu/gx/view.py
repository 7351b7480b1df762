"""The page view of our Data Docs site: GX's, with templates/ searched before GX's own templates.

GX's DefaultJinjaView puts a site's custom views after its package templates, so they cannot
replace one. Our templates (page.j2, top_navbar.j2, page_action_card.j2) drop the CDN links,
scripts and the S3 logo, and favicon.j2 points a validation page at the right folder; the rest
of every page is GX's. Only GX imports this module, when
engine.py's site config names it, so importing the pipeline does not import GX.
"""

from __future__ import annotations

from typing import Any

from great_expectations.render.view.view import DefaultJinjaPageView
from jinja2 import ChoiceLoader, FileSystemLoader

from pipelines.lib.reviu.gx.docs import TEMPLATES


class OfflinePageView(DefaultJinjaPageView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.loader = ChoiceLoader([FileSystemLoader(TEMPLATES), self.env.loader])
