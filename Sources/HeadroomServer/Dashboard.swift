import Hummingbird

/// The dashboard at `/`: plain HTML, CSS and JavaScript served from the binary, nothing fetched from elsewhere.
enum Dashboard {
    /// Adds `/`, `/dashboard.css` and `/dashboard.js`.
    static func register(on router: Router<ServerRequestContext>) {
        let headers: HTTPFields = [.cacheControl: "no-cache"]
        router.get("/") { _, _ in Response.text(page, contentType: "text/html; charset=utf-8", headers: headers) }
        router.get("dashboard.css") { _, _ in
            Response.text(style, contentType: "text/css; charset=utf-8", headers: headers)
        }
        router.get("dashboard.js") { _, _ in
            Response.text(script, contentType: "text/javascript; charset=utf-8", headers: headers)
        }
    }

    /// The page.
    static let page = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Headroom</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/dashboard.css">
        </head>
        <body>
        <header>
          <h1>Headroom</h1>
          <span id="health" class="muted">…</span>
          <label class="key">API key <input id="api-key" type="password" placeholder="none (open server)" autocomplete="off"></label>
        </header>
        <main>
          <nav>
            <h2>Scenarios</h2>
            <ul id="scenarios"></ul>
            <button id="new-scenario">New scenario</button>
            <h2>Versions</h2>
            <table id="versions"><thead><tr><th>#</th><th>hash</th><th>author</th><th>message</th><th>A</th><th>B</th></tr></thead><tbody></tbody></table>
            <div class="row">
              <button id="show-diff" disabled>Diff A → B</button>
              <button id="compare" disabled>Compare A vs B</button>
            </div>
          </nav>
          <section id="editor-pane">
            <div class="row">
              <input id="scenario-id" placeholder="scenario id (letters, digits, . _ -)" size="28">
              <input id="version-message" placeholder="what changed" size="36">
              <button id="save">Save version</button>
              <span id="save-status" class="muted"></span>
            </div>
            <div id="editor">
              <pre id="gutter" aria-hidden="true"></pre>
              <textarea id="text" spellcheck="false" placeholder="Paste a scenario (YAML or JSON), e.g. examples/quickstart.yaml"></textarea>
            </div>
            <div id="validation" class="muted">Not validated yet.</div>
            <ul id="diagnostics"></ul>
            <div id="diff-panel" hidden>
              <h2>Diff <span id="diff-title" class="muted"></span></h2>
              <table id="diff"><thead><tr><th>field</th><th>change</th><th>before</th><th>after</th></tr></thead><tbody></tbody></table>
            </div>
          </section>
          <section id="runs-pane">
            <h2>Run</h2>
            <div class="row">
              <select id="run-kind"><option value="simulate">simulate</option><option value="optimize">optimize</option></select>
              <label>paths <input id="run-paths" type="number" value="20000" min="1" step="1000"></label>
              <label>seed <input id="run-seed" type="number" value="1" min="0"></label>
              <button id="run">Run head</button>
            </div>
            <div id="live" hidden>
              <div class="muted" id="live-label"></div>
              <progress id="live-progress" max="1" value="0"></progress>
              <span id="live-status"></span>
            </div>
            <h2>Runs</h2>
            <table id="runs"><thead><tr><th>kind</th><th>version</th><th>status</th><th>progress</th><th></th></tr></thead><tbody></tbody></table>
            <div id="comparison-panel" hidden>
              <h2>Paired comparison <span id="comparison-title" class="muted"></span></h2>
              <table id="comparison"><thead><tr><th>figure</th><th>A</th><th>B</th><th>B − A</th><th>± s.e.</th><th>P(B &gt; A)</th></tr></thead><tbody></tbody></table>
            </div>
          </section>
        </main>
        <section id="report-pane" hidden>
          <div class="row"><h2>Report</h2><a id="report-link" target="_blank" rel="noopener">open in a new tab</a><button id="close-report">Close</button></div>
          <iframe id="report-frame" title="Run report" sandbox=""></iframe>
        </section>
        <div id="error" role="alert" hidden></div>
        <script src="/dashboard.js"></script>
        </body>
        </html>
        """#

    /// The style sheet.
    static let style = #"""
        :root { --fg: #1d2330; --muted: #667085; --line: #d0d5dd; --bad: #b42318; --good: #067647; --accent: #2950a3; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: #f7f8fa; }
        header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #fff;
          border-bottom: 1px solid var(--line); }
        header h1 { font-size: 1.2rem; margin: 0; }
        header .key { margin-left: auto; }
        main { display: grid; grid-template-columns: minmax(19rem, 24rem) 1fr minmax(20rem, 28rem); gap: 1rem;
          padding: 1rem; }
        section, nav { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem;
          min-width: 0; }
        h2 { font-size: 1rem; margin: .5rem 0; }
        .muted { color: var(--muted); }
        .row { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .25rem 0; }
        ul { list-style: none; margin: 0; padding: 0; }
        #scenarios li { padding: .25rem .5rem; border-radius: 4px; cursor: pointer; }
        #scenarios li.selected, #scenarios li:hover { background: #eef2fb; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: .2rem .35rem; border-bottom: 1px solid #eaecf0; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, pre, textarea { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
        #editor { display: flex; border: 1px solid var(--line); border-radius: 4px; height: 60vh; overflow: hidden; }
        #gutter { margin: 0; padding: .5rem .4rem; text-align: right; color: var(--muted); background: #f2f4f7;
          user-select: none; overflow: hidden; min-width: 3.5em; }
        #gutter .bad { color: #fff; background: var(--bad); display: block; }
        #text { flex: 1; border: 0; padding: .5rem; resize: none; outline: none; white-space: pre;
          overflow: auto; }
        #diagnostics li { color: var(--bad); cursor: pointer; padding: .15rem 0; }
        #diagnostics li code { color: var(--fg); }
        #validation.ok { color: var(--good); }
        #validation.bad { color: var(--bad); }
        progress { width: 100%; height: 1rem; }
        .status-succeeded { color: var(--good); }
        .status-failed, .status-interrupted { color: var(--bad); }
        .status-running, .status-queued { color: var(--accent); }
        .added { color: var(--good); } .removed { color: var(--bad); } .changed { color: var(--accent); }
        #report-pane { margin: 0 1rem 1rem; }
        #report-frame { width: 100%; height: 80vh; border: 1px solid var(--line); background: #fff; }
        #error { position: fixed; bottom: 1rem; right: 1rem; max-width: 40rem; background: var(--bad); color: #fff;
          padding: .6rem .9rem; border-radius: 6px; white-space: pre-wrap; }
        button { cursor: pointer; }
        @media (max-width: 1100px) { main { grid-template-columns: 1fr; } }
        """#
}
