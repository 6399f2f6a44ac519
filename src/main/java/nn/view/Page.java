package nn.view;

/**
 * The live view's page: one HTML document with its style and script inline, nothing fetched from anywhere but the
 * server that sent it (the pictures and derivations arrive as server-sent events and JSON; formulas are MathML,
 * which the browser typesets itself). The token is read from the page's own address.
 */
final class Page {
    private Page() { }

    static String html() { return HTML; }

    private static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>nn live view</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0; color: #222; background: #f6f6f4; }
            header { padding: 8px 16px; background: #263238; color: #eceff1; display: flex; gap: 24px; align-items: baseline; }
            header h1 { font-size: 17px; margin: 0; font-weight: 600; }
            header .status { font-size: 13px; opacity: 0.85; }
            header .status.off { color: #ffab91; opacity: 1; }
            main { display: flex; flex-wrap: wrap; gap: 12px; padding: 12px; align-items: flex-start; }
            section { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
            section h2 { font-size: 14px; margin: 2px 0 6px; color: #455a64; font-weight: 600; }
            #pictures { display: flex; flex-direction: column; gap: 12px; flex: 1 1 560px; min-width: 320px; }
            .picture svg { max-width: 100%; height: auto; }
            .picture [data-name] { cursor: pointer; }
            .picture .hit { stroke: transparent; stroke-width: 14; cursor: pointer; }
            .picture .selected { stroke: #ffb300 !important; }
            .picture circle.selected { stroke-width: 4 !important; }
            .picture text.selected { fill: #e65100 !important; font-weight: bold; }
            #side { display: flex; flex-direction: column; gap: 12px; flex: 1 1 420px; min-width: 320px; }
            #curve svg { width: 100%; height: auto; }
            #curve .info { font-size: 12px; color: #607d8b; }
            #explain { min-height: 120px; }
            #explain .statement { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; color: #37474f; background: #eceff1;
              padding: 2px 6px; border-radius: 3px; display: inline-block; margin-top: 8px; }
            #explain .problem { color: #8d6e63; font-size: 13px; margin: 6px 0; }
            #explain p { font-size: 14px; margin: 6px 0; line-height: 1.5; }
            #explain div.eqs { margin: 6px 0; }
            #explain math.eqs { display: inline math; font-size: 16px; }
            #explain mtd.lhs { text-align: right; padding-right: 0; }
            #explain mtd.rhs { text-align: left; padding-left: 0; }
            #explain mtd.note { text-align: left; color: #607d8b; }
            #explain .hint { color: #90a4ae; font-size: 13px; }
            .empty { color: #90a4ae; font-size: 14px; padding: 20px 4px; }
            </style>
            </head>
            <body>
            <header><h1>nn live view</h1><span class="status" id="status">connecting…</span></header>
            <main>
              <div id="pictures"><section class="empty" id="nothing">Nothing to draw yet: add layers (<code>layer relu 3->2</code>) or values in the session.</section></div>
              <div id="side">
                <section id="curve"><h2>loss per epoch</h2><div class="info" id="curve-info">no training yet</div><svg id="curve-svg" viewBox="0 0 400 190"></svg></section>
                <section id="explain"><h2>explain</h2><div id="explain-body" class="hint">Click a node, an edge or a number to see its derivation.</div></section>
              </div>
            </main>
            <script>
            "use strict";
            const token = new URLSearchParams(location.search).get("token") || "";
            const q = (path) => path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
            const status = document.getElementById("status");
            let selected = null, version = 0;
            const SKIP = new Set(["legend", "note", "gap", "activation"]);

            function show(state) {
              version = state.version;
              if (state.pictures) pictures(state);
              after(state);
            }

            function pictures(state) {
              const box = document.getElementById("pictures");
              box.innerHTML = "";
              if (state.pictures.length === 0) {
                box.innerHTML = '<section class="empty" id="nothing">Nothing to draw yet: add layers (<code>layer relu 3->2</code>) or values in the session.</section>';
              }
              for (const p of state.pictures) {
                const s = document.createElement("section");
                s.className = "picture";
                s.dataset.title = p.title;
                s.innerHTML = "<h2></h2>" + p.svg;
                s.querySelector("h2").textContent = p.title;
                for (const line of s.querySelectorAll("line.edge[data-name]")) {
                  const hit = line.cloneNode(false);
                  hit.setAttribute("class", "hit");
                  line.after(hit);
                }
                box.appendChild(s);
              }
            }

            function after(state) {
              const t = state.training;
              status.textContent = t ? "training… epoch " + t.epoch + " of " + t.epochs + " (the weights as trained so far)"
                : "live · after " + (state.statement || "start") + " (change " + state.version + ")"
                  + (state.loss !== null && state.loss !== undefined ? " · E = " + state.loss.toPrecision(4) : "");
              status.className = "status";
              drawCurve(state.curve, t);
              if (selected && !t) { mark(selected); explain(selected, false); }
              else if (selected) mark(selected);
            }

            function drawCurve(c, progress) {
              const svg = document.getElementById("curve-svg");
              const info = document.getElementById("curve-info");
              const n = c.epochs.length;
              if (n === 0) { svg.innerHTML = ""; info.textContent = "no training yet"; return; }
              const ls = c.losses.filter(v => v !== null);
              let lo = Math.min(...ls), hi = Math.max(...ls);
              const log = lo > 0 && hi / lo > 100;
              const f = v => log ? Math.log10(v) : v;
              let a = f(lo), b = f(hi);
              if (a === b) { a -= 1; b += 1; }
              const e0 = c.epochs[0], e1 = c.epochs[n - 1] === e0 ? e0 + 1 : c.epochs[n - 1];
              const X = e => 56 + 334 * (e - e0) / (e1 - e0), Y = v => 170 - 155 * (f(v) - a) / (b - a);
              let d = "";
              for (let i = 0; i < n; i++) if (c.losses[i] !== null) d += (d ? " L" : "M") + X(c.epochs[i]).toFixed(1) + " " + Y(c.losses[i]).toFixed(1);
              svg.innerHTML = '<line x1="56" y1="170" x2="392" y2="170" stroke="#999"/><line x1="56" y1="10" x2="56" y2="170" stroke="#999"/>'
                + '<path id="curve-path" d="' + d + '" fill="none" stroke="#1f77b4" stroke-width="2" vector-effect="non-scaling-stroke"/>'
                + '<text x="52" y="18" font-size="10" text-anchor="end">' + hi.toPrecision(3) + '</text>'
                + '<text x="52" y="172" font-size="10" text-anchor="end">' + lo.toPrecision(3) + '</text>'
                + '<text x="392" y="184" font-size="10" text-anchor="end">epoch ' + c.epochs[n - 1] + '</text>';
              const last = c.losses[n - 1];
              info.textContent = (progress ? "training: epoch " + progress.epoch + " of " + progress.epochs + " · " : "")
                + "last mean loss " + (last === null ? "not finite" : last.toPrecision(5)) + (log ? " (log scale)" : "");
            }

            function mark(name) {
              for (const el of document.querySelectorAll(".selected")) el.classList.remove("selected");
              for (const el of document.querySelectorAll("[data-name]")) {
                if (el.getAttribute("data-name") === name && !el.classList.contains("hit")) el.classList.add("selected");
              }
            }

            async function explain(name, scroll) {
              const body = document.getElementById("explain-body");
              try {
                const r = await fetch(q("/explain?name=" + encodeURIComponent(name)));
                const j = await r.json();
                let html = "";
                for (const it of j.items) {
                  html += '<div class="item">' + (it.statement ? '<div class="statement"></div>' : "")
                    + (it.html || "") + (it.problem ? '<div class="problem"></div>' : "") + "</div>";
                }
                body.className = "";
                body.innerHTML = html;
                const items = body.querySelectorAll(".item");
                j.items.forEach((it, i) => {
                  const s = items[i].querySelector(".statement"); if (s) s.textContent = it.statement;
                  const p = items[i].querySelector(".problem"); if (p) p.textContent = it.problem;
                });
                body.dataset.name = name;
                if (scroll) body.scrollIntoView({block: "nearest"});
              } catch (e) {
                body.className = "problem";
                body.textContent = "could not ask the session: " + e;
              }
            }

            document.getElementById("pictures").addEventListener("click", (ev) => {
              const el = ev.target.closest("[data-name]");
              if (!el) return;
              const cls = el.getAttribute("class") || "";
              if (SKIP.has(cls)) return;
              selected = el.getAttribute("data-name");
              mark(selected);
              explain(selected, true);
            });

            function connect() {
              const es = new EventSource(q("/events"));
              es.addEventListener("state", (ev) => show(JSON.parse(ev.data)));
              es.addEventListener("stopped", () => {
                es.close();
                status.textContent = "stopped: `view` in the session starts it again (this page then needs its new address)";
                status.className = "status off";
              });
              es.onopen = () => { if (status.className.includes("off")) status.className = "status"; };
              es.onerror = () => { status.textContent = "disconnected: is the session still running?"; status.className = "status off"; };
            }
            connect();
            </script>
            </body>
            </html>
            """;
}
