"""Checks, in Python (whose strings count Unicode code points), that the spans of
Newsmark's W3C, brat, doccano and spaCy exports point at exactly the right text.

usage: python3 check_offsets.py REFERENCE.newsmark.json DIR

REFERENCE is the Newsmark JSON of the exported document: its annotations say which
text each span must cover. DIR holds the exports, recognised by their file endings
(.w3c.jsonld, .brat.zip, .doccano.jsonl, .spacy.jsonl). Prints one line per file and
exits 1 if any span is off.
"""

import json
import sys
import zipfile
from pathlib import Path


def main():
    reference = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    text = reference["text"]
    want = sorted((a["start"], a["end"], a["tag"]) for a in reference["annotations"])
    for a in reference["annotations"]:
        assert text[a["start"]:a["end"]] == a["exact"], f"reference itself is off at {a['id']}"
    exact = {(a["start"], a["end"]): a["exact"] for a in reference["annotations"]}

    failures = 0
    checked = 0
    for path in sorted(Path(sys.argv[2]).iterdir()):
        name = path.name
        if name.endswith(".w3c.jsonld"):
            got = read_w3c(path)
        elif name.endswith(".brat.zip"):
            got = read_brat(path)
        elif name.endswith(".doccano.jsonl"):
            got = read_jsonl(path, "entities", "start_offset", "end_offset", "label")
        elif name.endswith(".spacy.jsonl"):
            got = read_jsonl(path, "spans", "start", "end", "label")
        else:
            continue
        checked += 1
        file_text, spans = got
        problems = []
        if file_text is not None and file_text != text:
            problems.append("the article text differs")
        if sorted((s, e, label) for s, e, label, _ in spans) != want:
            problems.append(f"spans differ: {sorted(spans)} != {want}")
        for s, e, label, quoted in spans:
            if text[s:e] != exact.get((s, e)):
                problems.append(f"text[{s}:{e}] is {text[s:e]!r}, not the annotated {exact.get((s, e))!r}")
            if quoted is not None and quoted != text[s:e]:
                problems.append(f"the file's quote {quoted!r} is not text[{s}:{e}] = {text[s:e]!r}")
        if problems:
            failures += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            print(f"ok   {name}: {len(spans)} spans, text[start:end] == exact for each")
    if checked < 4:
        print(f"FAIL expected W3C, brat, doccano and spaCy exports in {sys.argv[2]}, found {checked}")
        failures += 1
    sys.exit(1 if failures else 0)


def read_w3c(path):
    collection = json.loads(path.read_text(encoding="utf-8"))
    text = collection["newsmark:document"]["text"]
    spans = []
    for item in collection["first"]["items"]:
        if item.get("motivation") == "linking":
            continue
        bodies = item["body"] if isinstance(item["body"], list) else [item["body"]]
        tag = next(b["value"] for b in bodies if b.get("purpose") == "tagging")
        selectors = item["target"]["selector"]
        position = next(s for s in selectors if s["type"] == "TextPositionSelector")
        quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
        s, e = position["start"], position["end"]
        if text[:s][-len(quote["prefix"]):] != quote["prefix"] and quote["prefix"]:
            raise AssertionError(f"prefix of {item['id']} does not precede it")
        spans.append((s, e, tag, quote["exact"]))
    return text, spans


def read_brat(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        ann_name = next(n for n in names if n.endswith(".ann"))
        text = z.read(ann_name[:-4] + ".txt").decode("utf-8")
        spans = []
        for line in z.read(ann_name).decode("utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, middle, quoted = line.split("\t")
            label, ranges = middle.split(" ", 1)
            fragments = [tuple(map(int, r.split())) for r in ranges.split(";")]
            pieces = [text[s:e] for s, e in fragments]
            if " ".join(pieces) != quoted:
                raise AssertionError(f"brat text field {quoted!r} is not the fragments {pieces!r}")
            spans.append((fragments[0][0], fragments[-1][1], label.lower(), None))
    return text, spans


def read_jsonl(path, key, start, end, label):
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 1, "one document, one line"
    doc = lines[0]
    return doc["text"], [(x[start], x[end], x[label].lower(), None) for x in doc[key]]


if __name__ == "__main__":
    main()
