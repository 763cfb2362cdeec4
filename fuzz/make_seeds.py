#!/usr/bin/env python3
"""Writes the committed seed corpus, fuzz/seeds/<target>/, from the golden files and
samples of newsmark-core plus a few hand-made edge cases. Run it again after the golden
files change: `python3 fuzz/make_seeds.py`.

Importer targets (w3c, brat, doccano, label_studio, detect_and_import) take framed
input (see `unframe` in fuzz/src/lib.rs): one flags byte (bit 0: an article follows;
bits 1-2: the file name, one of article.json, article.ann, article.jsonl, article.zip),
then with bit 0 a 2-byte little-endian length and that many bytes of article text, then
the file. stored_document and exercise take the file as it is; suggest takes an
article's text: the suggester's gold set and its hardest cases; capture takes a web
page: the capture corpus and some broken pages.
"""
import json
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parent
CORE = ROOT.parent / "crates" / "newsmark-core"
GOLDEN = CORE / "tests" / "golden"
SAMPLES = CORE / "samples"
SEEDS = ROOT / "seeds"
HYPOTHESIS = CORE / "tests" / "fixtures" / "hypothesis"
HYPOTHESIS_ARTICLE = (HYPOTHESIS / "article.txt").read_bytes()
SUGGEST_GOLD = CORE / "tests" / "suggest_gold"
CAPTURE_CORPUS = CORE / "tests" / "capture_corpus"
NAMES = {"json": 0, "ann": 1, "jsonl": 2, "zip": 3}


def frame(name, text, file):
    flags = NAMES[name] << 1 | (1 if text is not None else 0)
    out = bytes([flags])
    if text is not None:
        text = text.encode() if isinstance(text, str) else text
        out += struct.pack("<H", len(text)) + text
    return out + (file.encode() if isinstance(file, str) else file)


def dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=1)


T = "2026-11-25T09:30:00.000Z"
TEXT = "Zoe\u0308 Hart said \u201cwe found 3 leaks\u201d.\r\n\r\n\u0642\u0627\u0644 \u0648\u0632\u064a\u0631 \U0001F469\U0001F3FD\u200D\U0001F52C \u5916\u4ea4\u90e8."


def ann(id, tag, start, end, exact, **more):
    return dict(id=id, tag=tag, start=start, end=end, exact=exact, prefix="", suffix="", created=T, updated=T, **more)


def doc(id="d1", text=TEXT, annotations=(), **more):
    return dict(id=id, title="Title", created=T, updated=T, text=text, annotations=list(annotations), **more)


RICH = doc(
    annotations=[
        ann("a1", "actor", 0, 8, "Zoe\u0308 Hart", entity="e1"),
        ann("a2", "quote", 14, 32, "\u201cwe found 3 leaks\u201d", speech="direct", note="a note"),
        ann("a3", "claim", 15, 31, "we found 3 leaks", claim_type="statistic", check="disputed", evidence_url="https://x.example/"),
    ],
    orphans=[ann("o1", "actor", 3, 9, "gone")],
    relations=[
        dict(id="r1", kind="attribution", **{"from": "a2"}, to="a1", created=T),
        dict(id="r2", kind="attribution", **{"from": "a3"}, to="o1", created=T),
    ],
    entities=[dict(id="e1", name="Zo\u00eb Hart", kind="person")],
    source_url="https://news.example/a",
    byline="By someone",
)

STORED = {
    "rich.newsmark.json": dumps(dict(schema_version=1, kind="newsmark-document", **RICH)),
    "set.newsmark.json": dumps(dict(schema_version=1, kind="newsmark-set", documents=[RICH, doc(id="d2", text="")])),
    "checked.newsmark.json": dumps(
        dict(
            schema_version=1,
            kind="newsmark-document",
            **doc(
                id="s1",
                annotations=[ann("a1", "actor", 0, 3, "Zoe")],
                assignment=dict(instructions="Tag", codebook=[], checked=True, key=doc(id="k", annotations=RICH["annotations"], entities=RICH["entities"])),
            ),
        )
    ),
    "no-kind.json": dumps(dict(schema_version=1, **doc(text="plain"))),
    "newer.json": dumps(dict(schema_version=3, kind="newsmark-document", **doc())),
    "bom.json": "\ufeff" + dumps(dict(schema_version=1, **doc(text="x"))),
    "bad-utf8.json": b'{"schema_version":1,"kind":"newsmark-document","id":"d","title":"\xff\xfe","created":"' + T.encode() + b'","updated":"' + T.encode() + b'","text":"","annotations":[]}',
    "times.json": dumps(dict(schema_version=1, **dict(doc(text="x"), created="2024-02-29T23:59:60Z", updated="0000-01-01T00:00:00.5Z"))),
    "empty.json": "{}",
}

EXERCISE = dumps(
    dict(
        schema_version=1,
        kind="newsmark-exercise",
        instructions="Tag every quote and its speaker.",
        codebook=[dict(tag="quote", definition="Words said", example="\u201cHi,\u201d she said")],
        key=RICH,
    )
)


def write(target, name, data):
    path = SEEDS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    golden = lambda name: (GOLDEN / name).read_bytes()
    brat_txt = golden("unicode-check.brat.txt")

    # The stored-data loader and the Newsmark import.
    write("stored_document", "unicode-check.newsmark.json", golden("unicode-check.newsmark.json"))
    for sample in sorted(SAMPLES.iterdir()):
        write("stored_document", sample.name, sample.read_bytes())
    for name, data in STORED.items():
        write("stored_document", name, data)

    write("exercise", "northgate-library.newsmark-exercise.json", (SAMPLES / "northgate-library.newsmark-exercise.json").read_bytes())
    # Files as the version 1 and 2 builds wrote them, and what they migrate to (tests/golden/v1, v2, v3).
    for version in ("v1", "v2", "v3"):
        for path in sorted((GOLDEN / version).iterdir()):
            target = "exercise" if path.name.endswith(".newsmark-exercise.json") else "stored_document"
            write(target, path.name.replace(".newsmark", f".{version}.newsmark"), path.read_bytes())
    write("exercise", "rich.newsmark-exercise.json", EXERCISE)
    write("exercise", "minimal.newsmark-exercise.json", dumps(dict(schema_version=1, kind="newsmark-exercise", instructions="", codebook=[], key=doc(text=""))))

    imports = {
        "w3c": [
            ("unicode-check.w3c.jsonld", frame("json", None, golden("unicode-check.w3c.jsonld"))),
            ("unicode-check-with-text.w3c.jsonld", frame("json", "another article", golden("unicode-check.w3c.jsonld"))),
            # Hypothesis: UTF-16 offsets, no article in the file.
            ("hypothesis.json", frame("json", TEXT, dumps(dict(total=2, rows=[
                dict(id="h1", uri="https://news.example/a", tags=["Quote"], text=" note ", document=dict(title=["A title"]),
                     target=[dict(source="https://news.example/a", selector=[
                         dict(type="TextPositionSelector", start=14, end=32),
                         dict(type="TextQuoteSelector", exact="\u201cwe found 3 leaks\u201d", prefix="said ", suffix=".")])]),
                dict(id="h2", tags=["actor"], target=[dict(selector=[dict(type="TextPositionSelector", start=43, end=50)])]),
                dict(id="h3", references=["h1"], text="a reply"),
            ])))),
            ("loose-annotations.json", frame("json", TEXT, dumps([
                dict(type="Annotation", id="x1", motivation="tagging", body="claim",
                     target=dict(selector=dict(type="TextQuoteSelector", exact="we found 3 leaks"))),
                dict(type="Annotation", id="x2", body=[dict(purpose="tagging", value="Actor"), dict(purpose="commenting", value="who")],
                     target=dict(selector=dict(type="TextPositionSelector", start=0, end=8))),
                dict(type="Annotation", motivation="linking", body="x2", target="x1"),
            ]))),
            # Hypothesis annotations whose first tag is "data": W3C all the same, not Label Studio.
            ("hypothesis-tagged-data.json", frame("json", TEXT, dumps([
                dict(id="h1", tags=["data", "Quote"], text="data?",
                     target=[dict(selector=[dict(type="TextQuoteSelector", exact="we found 3 leaks")])])]))),
            # Hypothesis's files as its users have them (the search API and the client's
            # export): mostly highlights, page notes, replies and the reader's own tags.
            ("hypothesis-search.json", frame("json", HYPOTHESIS_ARTICLE, (HYPOTHESIS / "search.json").read_bytes())),
            ("hypothesis-client-export.json", frame("json", HYPOTHESIS_ARTICLE, (HYPOTHESIS / "export.json").read_bytes())),
            ("page.json", frame("json", "short", dumps(dict(type="AnnotationPage", items=[], next=None)))),
            ("collection-without-text.json", frame("json", None, dumps(dict(type="AnnotationCollection", first=dict(items=[
                dict(type="Annotation", body="quote", motivation="tagging", target=dict(selector=dict(type="TextPositionSelector", start=0, end=2)))]))))),
        ],
        "brat": [
            ("unicode-check.brat.zip", frame("zip", None, golden("unicode-check.brat.zip"))),
            ("unicode-check.brat.ann", frame("ann", brat_txt, golden("unicode-check.brat.ann"))),
            ("unicode-check-no-text.brat.ann", frame("ann", None, golden("unicode-check.brat.ann"))),
            ("zip-with-text.brat.zip", frame("zip", brat_txt, golden("unicode-check.brat.zip"))),
            ("fragments.ann", frame("ann", "ab\r\ncd ef\ngh",
                "T1\tClaim 0 2;4 6\tab cd\nT2\tActor 7 9\tef\nR1\tAttribution Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes T1\tnote\nA1\tNegated T1\nE1\tx:T1\n")),
            ("bom.ann", frame("ann", "Zoe\u0308", "\ufeffT1\tActor 0 4\tZoe\u0308\r\n")),
        ],
        "doccano": [
            ("unicode-check.doccano.jsonl", frame("jsonl", None, golden("unicode-check.doccano.jsonl"))),
            ("old-label.jsonl", frame("jsonl", None, dumps(dict(text=TEXT, label=[[0, 8, "Actor"], [15, 31, "claim"]])).replace("\n", "") + "\n" +
                dumps(dict(data="second", meta=dict(title="t"), label=[])).replace("\n", ""))),
            ("no-text.jsonl", frame("jsonl", TEXT, '{"entities":[{"id":"x","label":"quote","start_offset":14,"end_offset":32},{"label":"actor","start_offset":0,"end_offset":8}],"relations":[{"from_id":"x","to_id":2}]}\n')),
        ],
        "label_studio": [
            ("unicode-check.label-studio.json", frame("json", None, golden("unicode-check.label-studio.json"))),
            ("code-points.json", frame("json", None, dumps(dict(data=dict(text=TEXT, title="cp"), annotations=[dict(result=[
                dict(id="r1", type="labels", value=dict(start=43, end=50, text="\U0001F469\U0001F3FD\u200D\U0001F52C \u5916\u4ea4", labels=["Claim"])),
                dict(id="r2", type="labels", value=dict(start=0, end=8, labels=["Actor"])),
                dict(id="r1", type="textarea", value=dict(text=["one", "two"])),
                dict(type="relation", from_id="r2", to_id="r1", direction="left", labels=["said_by"]),
                dict(type="choices", value=dict(choices=["x"])),
            ])], predictions=[])))),
            ("empty-task.json", frame("json", "given", dumps([dict(data=dict(text=""))]))),
        ],
    }
    for target, seeds in imports.items():
        for name, data in seeds:
            write(target, name, data)
            write("detect_and_import", f"{target}-{name}", data)
    for name, data in STORED.items():
        write("detect_and_import", f"newsmark-{name}", frame("json", None, data))
    write("detect_and_import", "newsmark-unicode-check.json", frame("json", None, golden("unicode-check.newsmark.json")))
    write("detect_and_import", "exercise.json", frame("json", None, EXERCISE))
    write("detect_and_import", "spacy.jsonl", frame("jsonl", None, golden("unicode-check.spacy.jsonl")))
    write("detect_and_import", "unicode-check.csv", frame("json", None, golden("unicode-check.csv")))

    # The suggester: the gold set's articles, and text made of quotation marks.
    for path in sorted(SUGGEST_GOLD.glob("**/*.newsmark.json")):
        write("suggest", path.name.replace(".newsmark.json", ".txt"), json.loads(path.read_text(encoding="utf-8"))["text"])
    write("suggest", "sample.txt", json.loads((SAMPLES / "northgate-library.newsmark-exercise.json").read_text(encoding="utf-8"))["text"])
    write("suggest", "marks.txt", "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'\u300c\u300d\u300e\u300f\u2039\u203a" * 8)
    write("suggest", "unbalanced.txt", "He said \u201cnever closed.\n\n\u00bbReversed\u00ab, said Dr. J. Smith, \u201cand \u2018nested, she said,\u2019 too.\u201d")
    write("suggest", "unicode.txt", TEXT + " \u201cPeace needs time,\u201d said Zo\u00eb Hart. She said that 40 per cent would leave.")

    # Capturing a web page: the corpus, and pages broken in the ways real ones are.
    for path in sorted(CAPTURE_CORPUS.glob("*.html")):
        write("capture", path.name, path.read_bytes())
    write("capture", "malformed.html", "<p>Voted <b>seven <i>to</b> four</i><p>&amp bare &not; <a href=/x>x</a></span></div><table><td>cell</table><p>cut <a hre")
    write("capture", "deep.html", "<div>" * 500 + "<p>" + TEXT + "</p>" + "</div>" * 500)
    write("capture", "handlers.html", "<body onload=x()><article><h1 onclick=y()>T</h1><p>" + TEXT + "<script>alert(1)</script></p><svg><script>z()</script></svg><pre>a\r\n\r\nb</pre></article></body>")
    write("capture", "empty.html", "")


if __name__ == "__main__":
    main()
