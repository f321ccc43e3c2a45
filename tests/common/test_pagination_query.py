"""Pagination links keep the other filters, whatever they are called."""

from django.template import engines
from django.test import RequestFactory


def test_pagination_keeps_filters_even_one_named_items():
    from django.core.paginator import Paginator

    page = Paginator(list(range(30)), 10).page(2)
    request = RequestFactory().get("/x/", {"items": "a b", "page": "2", "side": "lived"})
    tpl = engines["django"].get_template("_pagination.html")
    html = tpl.render({"page": page}, request=request)
    assert "items=a+b" in html and "side=lived" in html
    assert "page=3" in html and "page=1" in html
