"""The result serialises to JSON-ready dicts; offsets index the original text."""

import json

from api.extraction import EXTRACTOR_VERSION, extract


def test_to_dict_is_json_ready() -> None:
    text = "“We grew too fast,” said Priya\u00a0Raman, who cut 9% of jobs after a $2.3bn loss."
    data = extract(text).to_dict()
    json.dumps(data)
    assert data["extractor_version"] == EXTRACTOR_VERSION
    money = next(f for f in data["figures"] if f["kind"] == "money")
    assert money["value"] == "2300000000" and money["currency"] == "USD"
    person = data["people"][0]
    assert person["spans"] == [{"start": text.index("Priya"), "end": text.index(",", 30)}]
    assert person["name"] == "Priya Raman"
