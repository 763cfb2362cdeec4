#!/usr/bin/env python3
"""Writes each gold article's answer key, NAME.newsmark.json, from its marked-up text,
NAME.txt: `python3 crates/newsmark-core/tests/suggest_gold/make_keys.py`.

The markup is the key, written by hand: the first line is the title, then a blank line,
then the article, with each tagged span written as {TAG#ID ATTRS|TEXT}, nested freely:

  {a#ID =Full_Name @kind|words}   an actor mention of the actor Full Name (underscores
                                  for spaces); kind is person (the default),
                                  organisation, government or anonymous
  {q#ID d >ACTOR|words}           a direct (d) or indirect (i) quote said by mention ACTOR
  {c#ID s|words}                  a claim: s statistic, f fact, p prediction, o opinion

The script only turns that markup into a Newsmark file; offsets count code points.
"""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
T = "2026-11-29T12:00:00.000Z"
KINDS = {"person", "organisation", "government", "anonymous"}
CLAIMS = {"s": "statistic", "f": "fact", "p": "prediction", "o": "opinion"}


def parse(markup):
    text, spans, stack = [], [], []
    i = 0
    while i < len(markup):
        c = markup[i]
        if c == "{":
            head_end = markup.index("|", i)
            head = markup[i + 1 : head_end]
            stack.append((head, len(text)))
            i = head_end + 1
        elif c == "}":
            head, start = stack.pop()
            spans.append((head, start, len(text)))
            i += 1
        else:
            text.append(c)
            i += 1
    assert not stack, "unclosed {"
    return "".join(text), spans


def key(path):
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    text, spans = parse(body.rstrip("\n"))
    annotations, relations, entities = [], [], {}
    for head, start, end in spans:
        tag_id, *attrs = head.split()
        tag, id = tag_id.split("#")
        a = dict(id=id, tag={"a": "actor", "q": "quote", "c": "claim"}[tag], start=start, end=end,
                 exact=text[start:end], prefix="", suffix="", created=T, updated=T)
        for attr in attrs:
            if attr.startswith("="):
                name = attr[1:].replace("_", " ")
                entity = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                a["entity"] = entity
                entities.setdefault(entity, dict(id=entity, name=name, kind="person"))
            elif attr.startswith("@"):
                assert attr[1:] in KINDS, attr
                entities[a["entity"]]["kind"] = attr[1:]
            elif attr.startswith(">"):
                relations.append(dict(id=f"r{len(relations) + 1}", kind="attribution", to=attr[1:], created=T, **{"from": id}))
            elif tag == "q":
                a["speech"] = {"d": "direct", "i": "indirect"}[attr]
            elif tag == "c":
                a["claim_type"] = CLAIMS[attr]
        annotations.append(a)
    ids = {a["id"] for a in annotations}
    assert len(ids) == len(annotations), f"{path}: an id is used twice"
    for r in relations:
        assert r["to"] in ids, f"{path}: no actor {r['to']}"
    annotations.sort(key=lambda a: (a["start"], -a["end"], a["id"]))
    return dict(schema_version=3, kind="newsmark-document", id=f"gold-{path.stem}", title=title.strip(),
                created=T, updated=T, text=text, annotations=annotations, relations=relations,
                entities=list(entities.values()))


for path in sorted(HERE.glob("*.txt")) + sorted(HERE.glob("heldout/*.txt")):
    out = path.with_suffix(".newsmark.json")
    out.write_text(json.dumps(key(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(HERE)}")
