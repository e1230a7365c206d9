"""Evaluation: the figures and plots of a run folder written by `groundqa eval`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from grounding.evaluate.detection import METRICS
from grounding.evaluate.report import REPORT
from knowledge.errors import InputError
from ui.runs import cell, figure_rows, find_runs, metrics_rows, plot_files, read_metrics


def show_run(run: Path) -> None:
    metrics = read_metrics(run)
    meta = metrics.get("meta", {}) if isinstance(metrics.get("meta"), dict) else {}
    st.subheader(str(meta.get("dataset", run.name)))
    if "balanced_accuracy" in metrics:
        cells = st.columns(4)
        cells[0].metric("Items", metrics.get("n", "n/a"))
        cells[1].metric("Hallucinated", metrics.get("n_hallucinated", "n/a"))
        cells[2].metric("Balanced accuracy", cell(metrics.get("balanced_accuracy"), {}, ""))
        cells[3].metric("AUROC", cell(metrics.get("auroc"), {}, ""))
        st.dataframe(metrics_rows(metrics), hide_index=True, width="stretch")
        speed = metrics.get("items_per_second")
        st.caption(
            f"Verifier model {meta.get('model', 'n/a')} · threshold from {metrics.get('threshold_source', 'n/a')} · "
            + (f"{speed:.2f} items/s · " if isinstance(speed, int | float) else "")
            + "95% bootstrap intervals in brackets"
        )
    else:
        st.dataframe(figure_rows(metrics), hide_index=True, width="stretch")
    categories = metrics.get("per_category") or {}
    if categories:
        st.markdown("#### By category")
        st.dataframe([{"category": name, **figures} for name, figures in categories.items()], hide_index=True)
    plots = plot_files(run)
    if plots:
        st.markdown("#### Plots")
        columns = st.columns(2)
        for i, path in enumerate(plots):
            columns[i % 2].image(str(path), caption=path.stem.replace("_", " "))
    report = run / REPORT
    if report.is_file():
        with st.expander("report.md"):
            text = report.read_text(encoding="utf-8")
            st.markdown("\n".join(line for line in text.splitlines() if not line.startswith("![")))


def main() -> None:
    st.title("Evaluation")
    st.caption("Detection quality of the verifier beside naive baselines, from a folder made by `groundqa eval`.")
    folder = Path(st.text_input("Folder of runs", value="runs", key="evaluation.folder").strip() or ".")
    if not folder.is_dir():
        st.error(f"No such folder: {folder}. Run `groundqa eval halueval-qa` to make one.")
        return
    runs = find_runs(folder)
    if not runs:
        st.warning(f"No run in {folder}: a run folder holds {METRICS}, made by `groundqa eval`.")
        return
    run = st.selectbox("Run", runs, format_func=lambda p: p.name or str(p), key="evaluation.run")
    try:
        show_run(run)
    except InputError as exc:
        st.error(str(exc))


main()
