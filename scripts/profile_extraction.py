"""Where extraction + normalisation spends its time, over the saved pages, called as ``scripts/benchmark.py`` calls it.

    python scripts/profile_extraction.py [--pages DIR] [--repeat 3] [--top 25] [--out extract.prof]

Prints the ``--top`` functions of a cProfile run sorted by cumulative and by own time, each with its
share of the profiled total, then CPU ms per page of each source of ``ArticlePage.candidates`` and of
the steps around them, timed without the profiler (cProfile's own cost grows with the number of
calls, so it overstates code that makes many small calls). All times are CPU time (process_time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

import benchmark
from harvester.extract.article import ArticlePage
from harvester.extract.reading import build_record
from harvester.extract.document import parse_html
from pipelines.normalize import NormalizePipeline


def profile(pages, repeat: int) -> pstats.Stats:
    benchmark.ours(pages[0])  # lazy models load outside the profile, as in the benchmark
    profiler = cProfile.Profile(time.process_time)  # CPU time: other work on the machine does not count
    profiler.enable()
    for _ in range(repeat):
        for page in pages:
            benchmark.ours(page)
    profiler.disable()
    return pstats.Stats(profiler)


def top_rows(stats: pstats.Stats, key: str, top: int) -> list[tuple[str, int, float, float]]:
    """(file:line(function), calls, own seconds, cumulative seconds) of the ``top`` entries by ``key``."""
    column = {"cumulative": 3, "tottime": 2}[key]
    rows = [(f"{Path(file).name if 'site-packages' not in file and 'lib/python' not in file else short(file)}"
             f":{line}({name})", calls, own, cumulative)
            for (file, line, name), (_, calls, own, cumulative, _) in stats.stats.items()]
    return sorted(rows, key=lambda row: row[column], reverse=True)[:top]


def short(file: str) -> str:
    """A library file as package/module, a built-in as is."""
    parts = Path(file).parts
    return "/".join(parts[parts.index("site-packages") + 1:]) if "site-packages" in parts else Path(file).name


def print_top(stats: pstats.Stats, key: str, top: int) -> None:
    total = stats.total_tt
    print(f"== top {top} by {key} (share of {total:.2f} s profiled)")
    print(f"  {'cum %':>6} {'own %':>6} {'calls':>9}  function")
    for where, calls, own, cumulative in top_rows(stats, key, top):
        print(f"  {100 * cumulative / total:6.1f} {100 * own / total:6.1f} {calls:9d}  {where}")
    print()


def source_steps(page: ArticlePage) -> dict:
    """The steps of ``ArticlePage`` one by one, each a callable, in the order ``candidates`` runs them."""
    from harvester.extract import bibtex, bylines, citeline, coins, jsonld, labels, meta, scriptdata, visible

    sel, url, text = page.selector, page.url, page.text
    index = meta.MetaIndex.from_selector(sel)
    return {
        "meta index": lambda: meta.MetaIndex.from_selector(sel),
        "meta vocabularies (citation, bepress, eprints, dc, prism, og)": lambda: [
            f(index) for f in (meta.citation_candidate, meta.bepress_candidate, meta.eprints_candidate,
                               meta.dublin_core_candidate, meta.prism_candidate, meta.opengraph_candidate)],
        "jsonld": lambda: jsonld.jsonld_candidate(sel), "coins": lambda: coins.coins_candidate(sel),
        "bibtex": lambda: bibtex.bibtex_candidate(sel), "script data": lambda: scriptdata.script_candidate(sel),
        "embedded sources again, kept on the page": lambda: page.embedded,
        "merge of the embedded sources": lambda: page._embedded_merged,
        "settled fields (open_fields)": lambda: page.open_fields,
        "main content (PageText.main)": lambda: text.main,
        "text lines (PageText.lines)": lambda: text.lines,
        "reference flags": lambda: text.reference_flags,
        "labelled text": lambda: labels.labelled_text_candidate(text, url),
        "citation line": lambda: citeline.citation_line_candidate(text),
        "author markup": lambda: bylines.author_markup_candidate(text),
        "heading": lambda: visible.heading_candidate(text), "title tag": lambda: visible.title_tag_candidate(text),
        "page meta": lambda: meta.page_candidate(sel, index), "doi text": lambda: visible.doi_text_candidate(text),
    }


def cpu_ms(work) -> float:
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1e3


def step_costs(pages, repeat: int) -> dict[str, list[float]]:
    """CPU ms of each step on each page, the best of ``repeat``."""
    costs: dict[str, list[float]] = {}
    normalize = NormalizePipeline()
    for page in pages:
        best: dict[str, float] = {}
        for _ in range(repeat):
            for name, ms in {**source_step_ms(page), **page_step_ms(page, normalize)}.items():
                best[name] = min(best.get(name, float("inf")), ms)
        for name, ms in best.items():
            costs.setdefault(name, []).append(ms)
    return costs


def source_step_ms(page) -> dict[str, float]:
    """Each source on one new tree, in the order of ``all_candidates``; the parts of the visible text the
    sources share (main content, lines, reference flags) are timed apart, before the sources."""
    article = ArticlePage(parse_html(page.text), page.url)
    return {name: cpu_ms(work) for name, work in source_steps(article).items()}


def page_step_ms(page, normalize) -> dict[str, float]:
    """The steps of ``benchmark.extract`` on another new tree."""
    trees = []
    timed = {"parse (parse_html)": cpu_ms(lambda: trees.append(parse_html(page.text)))}
    article = ArticlePage(trees[0], page.url)
    timed["ArticlePage.candidates, all sources"] = cpu_ms(lambda: article.candidates)
    timed["merge + verdict"] = cpu_ms(article.verdict)
    timed["item + normalise"] = cpu_ms(lambda: normalize.process_item(build_record(page.url, "bench", "2026-01-01T00:00:00Z", page=article)))
    return timed


def print_step_costs(costs: dict[str, list[float]]) -> None:
    print(f"== CPU ms per page by step, without the profiler ({len(next(iter(costs.values())))} pages)")
    print(f"  {'median':>7} {'p90':>7} {'mean':>7}  step")
    for name, ms in costs.items():
        p90 = statistics.quantiles(ms, n=10, method="inclusive")[-1]
        print(f"  {statistics.median(ms):7.2f} {p90:7.2f} {statistics.fmean(ms):7.2f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=benchmark.ROOT.parent / "shared" / "corpus" / "pages")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, help="also save the profile here (for snakeviz, pstats)")
    opts = parser.parse_args()
    pages = benchmark.load_pages(opts.pages)
    stats = profile(pages, opts.repeat)
    if opts.out:
        stats.dump_stats(opts.out)
    print(f"{len(pages)} pages, {opts.repeat} times each\n")
    print_top(stats, "cumulative", opts.top)
    print_top(stats, "tottime", opts.top)
    print_step_costs(step_costs(pages, opts.repeat))


if __name__ == "__main__":
    main()
