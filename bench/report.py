"""The suite's results as tables (Markdown) and plots (PNG).

Everything here reads the JSON that `python -m bench` writes, so a report
can be drawn again from a committed result without running anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OPERATIONS = ("profile", "customers", "next_steps", "opportunities", "dashboard")
TIMED = (*OPERATIONS, "ingest")


def sizes_of(results: dict[str, Any]) -> list[str]:
    """The measured sizes, smallest first."""
    return sorted(results["sizes"], key=int)


def number(value: float | None, digits: int = 1) -> str:
    """A figure for a table; a dash when it is missing."""
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def label(size: str) -> str:
    """10000 as 10k."""
    value = int(size)
    return f"{value // 1000}k" if value % 1000 == 0 else str(value)


def machine_line(results: dict[str, Any]) -> str:
    """When and on what the figures were measured, in one sentence."""
    found = results["machine"]
    options = results["options"]
    return (
        f"Measured on {results['started'][:10]} on {found['cpu']}, "
        f"{found['cores']} cores, {found['memory_gb']} GB of memory, Python "
        f"{found['python']}; the database, the service and the clients share "
        f"the machine. {options['runs']} sequential requests per operation, "
        f"{options['clients']} concurrent clients for {options['seconds']:g} s."
    )


def tables(results: dict[str, Any]) -> str:
    """Every table of a report, in Markdown."""
    return "\n\n".join(
        [machine_line(results), requests_table(results), growth_table(results),
         profile_table(results), size_table(results)]
    )  # fmt: skip


def requests_table(results: dict[str, Any]) -> str:
    """Latency and throughput of each operation and size, service against raw."""
    lines = [
        "| operation | customers | service p50 ms | service p99 ms | raw p50 ms "
        "| raw p99 ms | service/raw p50 | service req/s | raw req/s "
        "| service/raw req/s | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in TIMED:
        for size in sizes_of(results):
            found = results["sizes"][size]["operations"].get(key)
            if found is None:
                continue
            service, raw = found["service"], found["raw"]
            errors = service["throughput"]["errors"] + raw["throughput"]["errors"]
            lines.append(
                f"| {key} | {label(size)} | {number(service['median_ms'])} "
                f"| {number(service['p99_ms'])} | {number(raw['median_ms'])} "
                f"| {number(raw['p99_ms'])} | {number(found['ratio_median'], 2)} "
                f"| {number(service['throughput']['per_second'])} "
                f"| {number(raw['throughput']['per_second'])} "
                f"| {number(found['ratio_throughput'], 2)} | {errors} |"
            )
    return "\n".join(lines)


def growth_table(results: dict[str, Any]) -> str:
    """How each figure grows from the smallest size to the largest."""
    sizes = sizes_of(results)
    if len(sizes) < 2:
        return "(one size measured: no growth ratio)"
    low, high = sizes[0], sizes[-1]
    name = f"{label(high)}/{label(low)}"
    lines = [
        f"| operation | service p50 {name} | raw p50 {name} | service req/s {name} |",
        "|---|---:|---:|---:|",
    ]
    for key in (*TIMED, "profile_all"):
        small = results["sizes"][low]["operations"].get(key)
        large = results["sizes"][high]["operations"].get(key)
        if small is None or large is None:
            continue
        lines.append(f"| {key} | " + " | ".join(growth(key, small, large)) + " |")
    return "\n".join(lines)


def growth(key: str, small: dict[str, Any], large: dict[str, Any]) -> list[str]:
    """The three growth ratios of one operation."""
    if key == "profile_all":
        service = large["service"]["seconds"] / small["service"]["seconds"]
        raw = large["raw"]["seconds"] / small["raw"]["seconds"]
        rate = large["service"]["per_second"] / small["service"]["per_second"]
        return [f"{service:.2f} (whole run)", f"{raw:.2f} (whole run)", f"{rate:.2f}"]
    service = large["service"]["median_ms"] / small["service"]["median_ms"]
    raw = large["raw"]["median_ms"] / small["raw"]["median_ms"]
    rate = (
        large["service"]["throughput"]["per_second"]
        / small["service"]["throughput"]["per_second"]
    )
    return [f"{service:.2f}", f"{raw:.2f}", f"{rate:.2f}"]


def profile_table(results: dict[str, Any]) -> str:
    """`sir profile` over every relationship, each way."""
    lines = [
        "| customers | relationships | `sir profile` s | rel/s | shards s "
        "| in process s | raw Cypher s | service/raw |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes_of(results):
        found = results["sizes"][size]["operations"].get("profile_all")
        if found is None:
            continue
        shards = found["shards"]
        shard_text = (
            f"{number(shards['seconds'])} ({shards['processes']})" if shards else "-"
        )
        lines.append(
            f"| {label(size)} | {found['service']['relationships']:,} "
            f"| {number(found['service']['seconds'])} "
            f"| {number(found['service']['per_second'], 0)} | {shard_text} "
            f"| {number(found['in_process']['seconds'])} "
            f"| {number(found['raw']['seconds'])} | {number(found['ratio'], 2)} |"
        )
    return "\n".join(lines)


def size_table(results: dict[str, Any]) -> str:
    """The graph at each size, its seeding time and the memory used."""
    lines = [
        "| customers | relationships | touchpoints | `sir seed` s | ms/customer "
        "| `sir summarize` s | service RSS MB (peak) | database RSS MB (peak) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes_of(results):
        found = results["sizes"][size]
        seconds = found["seed_seconds"]
        per = seconds * 1000 / int(size) if seconds else None
        peak = found["memory_mb"]["peak_sampled"]
        lines.append(
            f"| {label(size)} | {found['graph']['relationships']:,} "
            f"| {found['graph']['touchpoints']:,} | {number(seconds, 0)} "
            f"| {number(per)} | {number(found.get('summary_seconds'))} "
            f"| {number(peak.get('service_rss_mb'), 0)} "
            f"| {number(peak.get('database_rss_mb'), 0)} |"
        )
    return "\n".join(lines)


def plots(results: dict[str, Any], folder: Path) -> list[Path]:
    """Latency and throughput against graph size, one panel per operation."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing: pip install -e '.[bench]' to draw the plots")
        return []
    sizes = sizes_of(results)
    x = [int(size) for size in sizes]
    made = []
    for name, pick, unit in (
        ("latency", latency_of, "median ms (dotted: p99)"),
        ("throughput", rate_of, "requests/s, 16 clients"),
    ):
        figure, axes = plt.subplots(2, 3, figsize=(13, 7), constrained_layout=True)
        for axis, key in zip(axes.flat, TIMED, strict=True):
            for side, style in (("service", "o-"), ("raw", "s--")):
                values = [pick(results, size, key, side) for size in sizes]
                axis.plot(x, [v[0] for v in values], style, label=side)
                if name == "latency":
                    axis.plot(x, [v[1] for v in values], ":", color="grey")
            axis.set_title(key)
            axis.set_xscale("log")
            axis.set_xlabel("customers")
            axis.set_ylabel(unit)
            axis.set_ylim(bottom=0)
            axis.legend()
        figure.suptitle(f"SiR service against raw Cypher: {name} by graph size")
        path = folder / f"{name}.png"
        figure.savefig(path, dpi=90)
        plt.close(figure)
        made.append(path)
    return made


def latency_of(
    results: dict[str, Any], size: str, key: str, side: str
) -> tuple[float, float]:
    """Median and p99 of one operation, one side, at one size."""
    found = results["sizes"][size]["operations"][key][side]
    return found["median_ms"], found["p99_ms"]


def rate_of(
    results: dict[str, Any], size: str, key: str, side: str
) -> tuple[float, float]:
    """Requests per second of one operation, one side, at one size."""
    rate = results["sizes"][size]["operations"][key][side]["throughput"]["per_second"]
    return rate, rate
