extension Dashboard {
    /// The dashboard's script: vanilla JavaScript over the `/v1` API.
    static let script = #"""
        "use strict";
        const $ = (id) => document.getElementById(id);
        const state = { scenario: null, versions: [], head: null, a: null, b: null, following: new Set() };
        const keyInput = $("api-key");
        // The key lives in this tab's session only.
        keyInput.value = sessionStorage.getItem("headroom-key") || "";
        keyInput.addEventListener("change", () => { sessionStorage.setItem("headroom-key", keyInput.value.trim()); refresh(); });

        function headers(extra) {
          const h = Object.assign({}, extra || {});
          const key = keyInput.value.trim();
          if (key) h["Authorization"] = "Bearer " + key;
          return h;
        }

        class APIError extends Error {
          constructor(status, body) {
            super((body && body.error && body.error.message) || ("HTTP " + status));
            this.status = status;
            this.code = body && body.error && body.error.code;
            this.diagnostics = (body && body.error && body.error.diagnostics) || [];
          }
        }

        async function api(method, path, body, options) {
          const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
          if (body !== undefined) init.body = JSON.stringify(body);
          const response = await fetch(path, init);
          if (!response.ok) {
            let parsed = null;
            try { parsed = await response.json(); } catch (e) { parsed = null; }
            throw new APIError(response.status, parsed);
          }
          if (options && options.text) return response.text();
          return response.json();
        }

        function showError(error) {
          const box = $("error");
          box.textContent = error.message || String(error);
          box.hidden = false;
          clearTimeout(showError.timer);
          showError.timer = setTimeout(() => { box.hidden = true; }, 8000);
        }

        function cell(text, className) {
          const td = document.createElement("td");
          td.textContent = text === undefined || text === null ? "" : String(text);
          if (className) td.className = className;
          return td;
        }

        function fill(tbody, rows) {
          tbody.replaceChildren(...rows);
        }

        async function refresh() {
          try {
            const health = await api("GET", "/health");
            $("health").textContent = "server " + health.version + " · store " + health.database + " · " +
              health.runs_running + " running, " + health.runs_queued + " queued";
          } catch (e) { $("health").textContent = "server unreachable"; }
          try {
            const list = await api("GET", "/v1/scenarios");
            const items = list.scenarios.map((s) => {
              const li = document.createElement("li");
              li.textContent = s.name === s.id ? s.id : s.id + " — " + s.name;
              li.dataset.id = s.id;
              if (s.id === state.scenario) li.className = "selected";
              li.addEventListener("click", () => selectScenario(s.id));
              return li;
            });
            $("scenarios").replaceChildren(...items);
          } catch (e) { showError(e); }
        }

        async function selectScenario(id, keepText) {
          state.scenario = id;
          const scenario = await api("GET", "/v1/scenarios/" + encodeURIComponent(id));
          state.versions = scenario.versions || [];
          state.head = scenario.head ? scenario.head.hash : null;
          state.a = state.versions.length > 1 ? state.versions[state.versions.length - 2].hash : state.head;
          state.b = state.head;
          $("scenario-id").value = id;
          $("scenario-id").disabled = true;
          renderVersions();
          if (!keepText && state.head) {
            const version = await api("GET", "/v1/scenarios/" + encodeURIComponent(id) + "/versions/" + state.head);
            $("text").value = version.text;
            renderGutter([]);
            validate();
          }
          await loadRuns();
          refresh();
        }

        function renderVersions() {
          const rows = state.versions.slice().reverse().map((v) => {
            const tr = document.createElement("tr");
            tr.append(cell(v.sequence), cell(v.hash.slice(0, 12)), cell(v.author), cell(v.message));
            for (const side of ["a", "b"]) {
              const td = document.createElement("td");
              const radio = document.createElement("input");
              radio.type = "radio"; radio.name = "side-" + side; radio.checked = state[side] === v.hash;
              radio.addEventListener("change", () => { state[side] = v.hash; updateButtons(); });
              td.append(radio); tr.append(td);
            }
            return tr;
          });
          fill($("versions").tBodies[0], rows);
          updateButtons();
        }

        function updateButtons() {
          const two = state.a && state.b && state.a !== state.b;
          $("show-diff").disabled = !two;
          $("compare").disabled = !two;
          $("run").disabled = !state.head;
        }

        function renderGutter(badLines) {
          const count = $("text").value.split("\n").length;
          const bad = new Set(badLines);
          const lines = [];
          for (let i = 1; i <= count; i++) {
            lines.push(bad.has(i) ? '<span class="bad">' + i + "</span>" : String(i));
          }
          $("gutter").innerHTML = lines.join("\n");
          $("gutter").scrollTop = $("text").scrollTop;
        }

        function jumpTo(line, column) {
          const text = $("text");
          const lines = text.value.split("\n");
          let offset = 0;
          for (let i = 0; i < Math.max(0, line - 1) && i < lines.length; i++) offset += lines[i].length + 1;
          offset += Math.max(0, column - 1);
          text.focus();
          text.setSelectionRange(offset, offset);
          text.scrollTop = Math.max(0, (line - 5) * 19);
        }

        function renderDiagnostics(diagnostics) {
          const items = diagnostics.map((d) => {
            const li = document.createElement("li");
            const where = document.createElement("code");
            where.textContent = "line " + d.line + ":" + d.column + (d.path ? " " + d.path : "");
            li.append(where, document.createTextNode(" " + d.message));
            li.dataset.line = d.line;
            li.addEventListener("click", () => jumpTo(d.line, d.column));
            return li;
          });
          $("diagnostics").replaceChildren(...items);
          renderGutter(diagnostics.map((d) => d.line));
        }

        let validateTimer = null;
        async function validate() {
          const text = $("text").value;
          if (!text.trim()) { $("validation").textContent = "Empty."; $("validation").className = "muted"; renderDiagnostics([]); return; }
          try {
            const file = ($("scenario-id").value || "scenario") + ".yaml";
            const result = await api("POST", "/v1/validate", { text, file });
            if (result.valid) {
              const s = result.summary || {};
              $("validation").textContent = "Valid: " + s.providers + " providers, " + s.campuses + " campuses, " +
                s.contracts + " contracts, " + s.offers + " offers, " + s.months + " months.";
              $("validation").className = "ok";
            } else {
              $("validation").textContent = result.diagnostics.length + " problem(s):";
              $("validation").className = "bad";
            }
            renderDiagnostics(result.diagnostics);
          } catch (e) { showError(e); }
        }

        async function save() {
          const text = $("text").value;
          const message = $("version-message").value.trim();
          $("save-status").textContent = "saving…";
          try {
            let version;
            if (!state.scenario) {
              const id = $("scenario-id").value.trim();
              version = await api("POST", "/v1/scenarios", { id, text, message: message || "created" });
            } else {
              version = await api("POST", "/v1/scenarios/" + encodeURIComponent(state.scenario) + "/versions",
                { parent: state.head, text, message });
            }
            $("save-status").textContent = "saved version " + version.sequence + " (" + version.hash.slice(0, 12) + ")";
            $("version-message").value = "";
            await selectScenario(version.scenario, true);
          } catch (e) {
            $("save-status").textContent = "not saved";
            if (e.diagnostics.length) renderDiagnostics(e.diagnostics);
            if (e.code === "stale-parent") e.message += " — someone saved a newer version; reload the scenario.";
            showError(e);
          }
        }

        function newScenario() {
          state.scenario = null; state.versions = []; state.head = null; state.a = null; state.b = null;
          $("scenario-id").disabled = false; $("scenario-id").value = ""; $("text").value = "";
          renderVersions(); renderDiagnostics([]); fill($("runs").tBodies[0], []);
          $("validation").textContent = "Not validated yet."; $("validation").className = "muted";
          $("scenario-id").focus();
        }
        """# + scriptRuns
}
