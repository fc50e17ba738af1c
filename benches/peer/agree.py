"""The Python peer of `claimspan agree`: the same report from the same corpus with the
tools an NLP team would reach for (spaCy's tokenizer, scikit-learn's Cohen's kappa,
the `krippendorff` package), to measure `agree` against.

    CLAIMSPAN_PEER_OUT=/tmp/peer cargo bench --bench agree -- 'agree/report_10k_3$'
    python3 -m venv /tmp/pypeer && /tmp/pypeer/bin/pip install spacy scikit-learn krippendorff
    /tmp/pypeer/bin/python benches/peer/agree.py /tmp/peer alice bob carol

It reads one JSONL file per annotator (`{"id", "text", "spans": [{"start", "end",
"label"}]}`, char offsets), and reports per label and overall: exact and overlap span
F1 per pair, Cohen's kappa per pair over tokens, Krippendorff's alpha (nominal) over
tokens, as `agree` does. Tokens are spaCy's, cut at every span edge, as `agree` cuts
its own. It prints the time from the first file read to the report.
"""

import bisect
import itertools
import json
import sys
import time

import krippendorff
import numpy as np
import spacy
from sklearn.metrics import cohen_kappa_score


def read(folder, annotator):
    docs = {}
    with open(f"{folder}/{annotator}.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            docs[doc["id"]] = doc
    return docs


def tokens(nlp, text, edges):
    """spaCy's tokens, cut at every span edge: (starts, ends) in chars."""
    starts, ends = [], []
    for tok in nlp.tokenizer(text):
        start, end = tok.idx, tok.idx + len(tok.text)
        lo = bisect.bisect_right(edges, start)
        hi = bisect.bisect_left(edges, end)
        cuts = edges[lo:hi]
        for a, b in zip([start] + cuts, cuts + [end]):
            starts.append(a)
            ends.append(b)
    return np.array(starts), np.array(ends)


def inside(starts, ends, spans):
    """1.0 for each token inside one of `spans`, else 0.0."""
    v = np.zeros(len(starts))
    for s, e in spans:
        lo = np.searchsorted(starts, s, side="left")
        hi = np.searchsorted(ends, e, side="right")
        v[lo:hi] = 1.0
    return v


def exact(a, b):
    sa, sb = set(a), set(b)
    return len(sa & sb), len(sa - sb), len(sb - sa)


def overlap(a, b):
    """Each span matched at most once, greedily by position."""
    used = set()
    matched = 0
    for s, e in a:
        for k, (t, u) in enumerate(b):
            if k not in used and s < u and t < e:
                used.add(k)
                matched += 1
                break
    return matched, len(a) - matched, len(b) - matched


def f1(m, oa, ob):
    if m + oa + ob == 0:
        return None
    return 2 * m / (2 * m + oa + ob)


def main():
    folder, annotators = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    nlp = spacy.blank("en")
    data = [read(folder, a) for a in annotators]
    ids = sorted(set().union(*[d.keys() for d in data]))
    labels = sorted({s["label"] for d in data for doc in d.values() for s in doc["spans"]})
    pairs = list(itertools.combinations(range(len(annotators)), 2))
    span_counts = {(p, l, kind): [0, 0, 0] for p in pairs for l in labels for kind in ("exact", "overlap")}
    # Token values per label: one row per annotator, NaN where absent (alpha), and
    # per pair the two columns on the documents both annotated (kappa).
    alpha_rows = {l: [[] for _ in annotators] for l in labels}
    kappa_cols = {(p, l): ([], []) for p in pairs for l in labels}
    for doc_id in ids:
        present = [i for i, d in enumerate(data) if doc_id in d]
        if len(present) < 2:
            continue
        text = data[present[0]][doc_id]["text"]
        places = {
            i: {l: sorted({(s["start"], s["end"]) for s in data[i][doc_id]["spans"] if s["label"] == l}) for l in labels}
            for i in present
        }
        edges = sorted({x for i in present for l in labels for s in places[i][l] for x in s})
        toks = tokens(nlp, text, edges)
        values = {}
        for i in range(len(annotators)):
            for l in labels:
                if i in places:
                    v = inside(toks[0], toks[1], places[i][l])
                else:
                    v = np.full(len(toks[0]), np.nan)
                values[i, l] = v
                alpha_rows[l][i].append(v)
        for p in pairs:
            a, b = p
            if a not in places or b not in places:
                continue
            for l in labels:
                for kind, count in (("exact", exact), ("overlap", overlap)):
                    c = count(places[a][l], places[b][l])
                    acc = span_counts[p, l, kind]
                    for k in range(3):
                        acc[k] += c[k]
                kappa_cols[p, l][0].append(values[a, l])
                kappa_cols[p, l][1].append(values[b, l])
    report = {"labels": {}}
    for l in labels:
        entry = {"pairs": {}}
        for p in pairs:
            xa, xb = kappa_cols[p, l]
            kappa = cohen_kappa_score(np.concatenate(xa), np.concatenate(xb)) if xa else None
            entry["pairs"][f"{annotators[p[0]]}/{annotators[p[1]]}"] = {
                "exact": f1(*span_counts[p, l, "exact"]),
                "overlap": f1(*span_counts[p, l, "overlap"]),
                "cohen_kappa": kappa,
            }
        rows = np.array([np.concatenate(r) for r in alpha_rows[l]])
        entry["krippendorff_alpha"] = krippendorff.alpha(
            reliability_data=rows, level_of_measurement="nominal"
        )
        report["labels"][l] = entry
    took = time.perf_counter() - started
    print(json.dumps(report, indent=1))
    print(f"documents: {len(ids)}, took {took:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
