"""Evidence dictionaries may use any key, including names of dict methods."""

from django.template.loader import render_to_string

from powerwith.insights.types import WarningSign


def test_evidence_with_a_key_called_items_renders():
    w = WarningSign(
        code="x",
        title="T",
        fired=True,
        explanation="e",
        research="r",
        question="q",
        based_on="b",
        evidence={"items": 3, "keys": 2},
        thresholds={"values": 1},
    )
    html = render_to_string("insights/_evidence.html", {"w": w})
    assert "<dt>Items</dt><dd>3</dd>" in html
    assert "<dt>Threshold: values</dt><dd>1</dd>" in html
