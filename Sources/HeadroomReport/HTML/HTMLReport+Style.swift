extension HTMLReport {
    /// The style sheet and the script are written unescaped (HTML reads their content raw), so they must hold no `<`
    /// or `&` for the page to stay well-formed XML; the tests check that.
    ///
    /// Marks the page with how many charts rendered with a non-empty box (read by the headless-browser test) and with
    /// its height in CSS pixels (read by scripts/render-report to capture the whole page).
    static let selfCheck = """
        (function () { var ok = 0; var all = document.querySelectorAll('svg.chart'); \
        all.forEach(function (svg) { var box = svg.getBBox(); \
        if (box.width > 0) { if (box.height > 0) { if (svg.childElementCount > 2) { ok += 1; } } } }); \
        document.documentElement.setAttribute('data-charts', ok + '/' + all.length); \
        document.documentElement.setAttribute('data-height', String(document.documentElement.scrollHeight)); })();
        """

    static let css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; \
        max-width: 960px; margin: 24px auto; padding: 0 16px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 6px; border-bottom: 2px solid #0072B2; padding-bottom: 3px; }
        .meta { color: #444; margin: 0; } .lead { color: #333; margin: 4px 0 10px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; }
        .card { border: 1px solid #bbb; border-radius: 6px; padding: 8px 12px; min-width: 190px; flex: 1 1 190px; }
        .card-label { font-size: 12px; color: #444; } .card-value { font-size: 22px; font-weight: 600; } .card-detail { font-size: 12px; color: #444; }
        svg.chart { width: 100%; height: auto; display: block; margin: 10px 0; }
        .pair { display: flex; flex-wrap: wrap; gap: 12px; } .pair svg.chart { width: 100%; }
        .grid { stroke: #ddd; stroke-width: 1; } .axis { stroke: #333; stroke-width: 1; }
        .tick { font-size: 11px; fill: #333; } .axis-title { font-size: 12px; fill: #222; } .legend { font-size: 11px; fill: #222; }
        .cap { stroke: #D55E00; stroke-width: 2; stroke-dasharray: 5 3; } .cap-point { fill: #D55E00; }
        .cap-label { font-size: 10px; fill: #8a3b00; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        td.text { text-align: left; white-space: normal; } figure { margin: 0; flex: 1 1 300px; }
        figcaption { font-size: 12px; font-weight: 600; }
        .table-wrap { overflow-x: auto; margin: 10px 0; }
        table { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #e3e3e3; } td { text-align: right; white-space: nowrap; }
        thead th { border-bottom: 2px solid #999; text-align: right; } thead th:first-child, tbody th { text-align: left; }
        tbody th { font-weight: normal; }
        footer { margin-top: 36px; border-top: 1px solid #bbb; color: #444; font-size: 12px; }
        @media print { body { max-width: none; margin: 0; } section { break-inside: avoid-page; } h2 { break-after: avoid; } }
        """
}
