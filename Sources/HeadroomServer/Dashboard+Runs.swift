extension Dashboard {
    /// The dashboard's script, second half: runs, live progress, reports, diffs and comparisons.
    static let scriptRuns = #"""

        function versionLabel(hash) {
          const v = state.versions.find((x) => x.hash === hash);
          return v ? "#" + v.sequence : hash.slice(0, 8);
        }

        async function loadRuns() {
          if (!state.scenario) return;
          const list = await api("GET", "/v1/runs?scenario=" + encodeURIComponent(state.scenario) + "&limit=20");
          const rows = list.runs.map((run) => {
            const tr = document.createElement("tr");
            tr.dataset.run = run.id;
            const label = run.kind === "compare" ? versionLabel(run.version) + " vs " + versionLabel(run.against) : versionLabel(run.version);
            tr.append(cell(run.kind), cell(label), cell(run.status, "status-" + run.status),
              cell(Math.round(run.progress * 100) + "%", "num"));
            const actions = document.createElement("td");
            if (run.status === "succeeded" && run.links.report) actions.append(button("Report", () => openReport(run.id)));
            if (run.status === "succeeded" && run.kind === "compare") actions.append(button("Show", () => showComparison(run)));
            if (run.status === "succeeded") actions.append(button("CSV", () => download(run)));
            if (run.status === "queued" || run.status === "running") {
              actions.append(button("Cancel", () => api("POST", "/v1/runs/" + run.id + "/cancel").then(loadRuns, showError)));
              if (!state.following.has(run.id)) follow(run);
            }
            tr.append(actions);
            return tr;
          });
          fill($("runs").tBodies[0], rows);
        }

        function button(text, action) {
          const b = document.createElement("button");
          b.textContent = text;
          b.addEventListener("click", action);
          return b;
        }

        async function startRun(body) {
          try {
            const run = await api("POST", "/v1/runs", body);
            await loadRuns();
            follow(run);
          } catch (e) { showError(e); }
        }

        // Server-sent events through fetch (EventSource cannot send an Authorization header), reconnecting with
        // Last-Event-ID when the connection drops.
        async function follow(run) {
          state.following.add(run.id);
          $("live").hidden = false;
          $("live-label").textContent = run.kind + " " + (run.kind === "compare" ? versionLabel(run.version) + " vs " + versionLabel(run.against) : versionLabel(run.version)) + " · " + run.paths + " paths";
          let lastID = 0, attempts = 0, final = null;
          while (!final && attempts < 6) {
            try {
              const response = await fetch("/v1/runs/" + run.id + "/events", { headers: headers(lastID ? { "Last-Event-ID": String(lastID) } : {}) });
              if (!response.ok) throw new APIError(response.status, null);
              const reader = response.body.getReader();
              const decoder = new TextDecoder();
              let buffer = "";
              for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                buffer += decoder.decode(value, { stream: true });
                let end;
                while ((end = buffer.indexOf("\n\n")) >= 0) {
                  const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
                  const event = { id: 0, name: "message", data: "" };
                  for (const line of block.split("\n")) {
                    if (line.startsWith("id: ")) event.id = Number(line.slice(4));
                    else if (line.startsWith("event: ")) event.name = line.slice(7);
                    else if (line.startsWith("data: ")) event.data += line.slice(6);
                  }
                  if (!event.data) continue;
                  lastID = event.id || lastID;
                  const status = JSON.parse(event.data);
                  $("live-progress").value = status.progress;
                  $("live-status").textContent = status.status + " · " + Math.round(status.progress * 100) + "%" + (status.stage ? " · " + status.stage : "") + (status.error ? " · " + status.error : "");
                  $("live-status").className = "status-" + status.status;
                  const row = document.querySelector('tr[data-run="' + run.id + '"]');
                  if (row) { row.cells[2].textContent = status.status; row.cells[3].textContent = Math.round(status.progress * 100) + "%"; }
                  if (!["queued", "running"].includes(status.status)) final = status;
                }
              }
              if (!final) attempts++;
            } catch (e) {
              attempts++;
              await new Promise((r) => setTimeout(r, 500 * attempts));
            }
          }
          state.following.delete(run.id);
          await loadRuns();
          refresh();
          if (final && final.status === "succeeded" && final.kind === "compare") showComparison(final);
        }

        async function openReport(id) {
          try {
            const html = await api("GET", "/v1/runs/" + id + "/report", undefined, { text: true });
            const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
            $("report-frame").src = url;
            $("report-link").href = url;
            $("report-pane").hidden = false;
            $("report-pane").scrollIntoView();
          } catch (e) { showError(e); }
        }

        async function download(run) {
          try {
            const csv = await api("GET", "/v1/runs/" + run.id + "/result?format=csv", undefined, { text: true });
            const a = document.createElement("a");
            a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
            a.download = "run-" + run.id.slice(0, 8) + ".csv";
            a.click();
          } catch (e) { showError(e); }
        }

        async function showDiff() {
          try {
            const diff = await api("GET", "/v1/scenarios/" + encodeURIComponent(state.scenario) + "/diff?from=" + state.a + "&to=" + state.b);
            $("diff-title").textContent = versionLabel(diff.from) + " → " + versionLabel(diff.to) + " · " + diff.changes.length + " change(s)";
            fill($("diff").tBodies[0], diff.changes.map((c) => {
              const tr = document.createElement("tr");
              tr.append(cell(c.path), cell(c.kind, c.kind), cell(c.before), cell(c.after));
              return tr;
            }));
            $("diff-panel").hidden = false;
          } catch (e) { showError(e); }
        }

        function format(value) {
          const x = Number(value);
          if (!isFinite(x)) return value;
          const a = Math.abs(x);
          if (a >= 1e9) return (x / 1e9).toFixed(2) + " B";
          if (a >= 1e6) return (x / 1e6).toFixed(2) + " M";
          if (a >= 1e3) return (x / 1e3).toFixed(1) + " k";
          return a >= 1 || a === 0 ? x.toFixed(2) : x.toPrecision(3);
        }

        async function showComparison(run) {
          try {
            const csv = await api("GET", "/v1/runs/" + run.id + "/result?format=csv", undefined, { text: true });
            const figures = new Map();
            for (const line of csv.trim().split("\n").slice(1)) {
              const [month, figure, statistic, value] = line.split(",");
              if (month !== "") continue;
              if (!figures.has(figure)) figures.set(figure, {});
              figures.get(figure)[statistic] = value;
            }
            fill($("comparison").tBodies[0], [...figures].map(([name, f]) => {
              const tr = document.createElement("tr");
              tr.append(cell(name), cell(format(f.a), "num"), cell(format(f.b), "num"), cell(format(f.difference), "num"),
                cell(format(f.difference_standard_error), "num"), cell(Number(f.probability_b_greater).toFixed(3), "num"));
              return tr;
            }));
            $("comparison-title").textContent = versionLabel(run.version) + " (A) vs " + versionLabel(run.against) + " (B), " + run.paths + " paths on common random numbers";
            $("comparison-panel").hidden = false;
          } catch (e) { showError(e); }
        }

        $("text").addEventListener("input", () => { renderGutter([]); clearTimeout(validateTimer); validateTimer = setTimeout(validate, 400); });
        $("text").addEventListener("scroll", () => { $("gutter").scrollTop = $("text").scrollTop; });
        $("save").addEventListener("click", save);
        $("new-scenario").addEventListener("click", newScenario);
        $("show-diff").addEventListener("click", showDiff);
        $("close-report").addEventListener("click", () => { $("report-pane").hidden = true; });
        $("run").addEventListener("click", () => startRun({
          scenario: state.scenario, version: state.head, kind: $("run-kind").value,
          paths: Number($("run-paths").value), seed: Number($("run-seed").value) }));
        $("compare").addEventListener("click", () => startRun({
          scenario: state.scenario, version: state.a, against: state.b, kind: "compare",
          paths: Number($("run-paths").value), seed: Number($("run-seed").value) }));
        renderGutter([]);
        updateButtons();
        refresh();
        """#
}
