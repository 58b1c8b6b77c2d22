/* Redes: browser-side helpers for the network picture (served from assets/, no CDN).
 *
 * The graph holds every actor and tie of the data set once (base elements, no classes);
 * the server sends, for each view, only what changes against the view the browser shows
 * (see components/graph.py: paint, delta). paint() applies that delta to the Cytoscape
 * instance in one batch, so a slider step touches only the elements that change.
 */
(function () {
    "use strict";
    var GRAPH = "graph";
    var queue = [];
    var waiting = false;
    var latest = null;  // the key of the last paint applied

    function cyOf(id) {
        var el = document.getElementById(id);
        return el && el._cyreg && el._cyreg.cy;
    }

    function ready(cy, p) {
        // The base elements arrive with the first paint: wait until Cytoscape has them.
        if (!cy || cy.elements().length < p.total) { return false; }
        var first = (p.nodes[0] || p.edges[0] || [])[0];
        return !first || cy.getElementById(first).length > 0;
    }

    function whenSized(cy, action, tries) {
        // On a fresh page the container can still be 0 px high when the first paint lands:
        // a fit then does nothing and the picture stays at zoom 1. Wait for a real size.
        if (tries === undefined) {  // after this frame: new base positions land first
            setTimeout(function () { whenSized(cy, action, 0); }, 0);
            return;
        }
        cy.resize();
        if ((cy.width() < 10 || cy.height() < 10) && tries < 100) {
            setTimeout(function () { whenSized(cy, action, tries + 1); }, 50);
            return;
        }
        action();
    }

    function apply(cy, p) {
        cy.batch(function () {
            if (p.reset) { cy.elements().classes(""); }
            p.hide.forEach(function (id) { cy.getElementById(id).classes(""); });
            p.nodes.forEach(function (n) {
                var node = cy.getElementById(n[0]);
                node.data({colour: n[1], size: n[2]});
                node.classes(n[3]);
            });
            p.edges.forEach(function (e) { cy.getElementById(e[0]).classes(e[1]); });
        });
        // data-painted names the view once it is drawn *and* framed (tests and the benchmark
        // wait for it), so it is written after any fit.
        var el = document.getElementById(GRAPH);
        latest = p.key;
        var done = function () { if (el && latest === p.key) { el.dataset.painted = p.key; } };
        var centre = p.centre ? cy.getElementById(p.centre) : null;
        if (centre && centre.length && centre.hasClass("on") && !(p.frame && p.frame.length)) {
            // Centre a newly selected organisation (after fitting, on a fresh page).
            whenSized(cy, function () {
                if (p.fit) { cy.fit(cy.elements(".on"), 30); }
                cy.animate({center: {eles: centre}, zoom: Math.max(cy.zoom(), 1.1)},
                           {duration: 400});
                done();
            });
        } else if (p.frame && p.frame.length) {
            var part = cy.collection();
            p.frame.forEach(function (id) { part = part.union(cy.getElementById(id)); });
            whenSized(cy, function () {
                // Fit the part, but never closer than 1:1, so labels stay in proportion.
                var bb = part.boundingBox(), pad = 50;
                var zoom = Math.min((cy.width() - 2 * pad) / Math.max(bb.w, 1),
                                    (cy.height() - 2 * pad) / Math.max(bb.h, 1), 1);
                zoom = Math.max(zoom, cy.minZoom());
                cy.animate({zoom: zoom, center: {eles: part}}, {duration: 400});
                done();
            });
        } else if (p.fit) {
            whenSized(cy, function () {
                var shown = cy.elements(".on");
                cy.fit(shown.length ? shown : undefined, 30);
                done();
            });
        } else {
            done();
        }
    }

    function flush() {
        var cy = cyOf(GRAPH);
        while (queue.length) {
            if (!ready(cy, queue[0])) {
                if (!waiting) {
                    waiting = true;
                    requestAnimationFrame(function () { waiting = false; flush(); });
                }
                return;
            }
            apply(cy, queue.shift());
        }
    }

    // Presenter mode: arrow keys, Page Up / Page Down (what presentation clickers send) and
    // Escape press the on-screen buttons, so the keyboard and the mouse do the same thing.
    var KEYS = {ArrowRight: "scene-next", PageDown: "scene-next", ArrowLeft: "scene-prev",
                PageUp: "scene-prev", Escape: "present-exit"};
    document.addEventListener("keydown", function (event) {
        var app = document.getElementById("app");
        if (!app || !app.classList.contains("presenting") || !KEYS[event.key]) { return; }
        var target = event.target;
        if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
        var button = document.getElementById(KEYS[event.key]);
        if (button) { event.preventDefault(); button.click(); }
    });

    // Accessibility repairs of Dash 4's own markup, kept in step as React re-renders:
    // - checklists and radio items are drawn as role=listbox with role=option labels around
    //   real inputs (interactive controls nested in interactive controls): the native
    //   checkboxes and radios are what assistive technology should meet, so the roles go and
    //   the group takes its name from its fieldset's legend or an aria-label;
    // - the slider's number box and thumb get the slider's name.
    function named(el) {
        if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) { return; }
        var legend = el.closest("fieldset") && el.closest("fieldset").querySelector("legend");
        var label = el.dataset.redesLabel || (legend && legend.textContent.trim()) || el.id;
        if (label) { el.setAttribute("aria-label", label); }
    }
    var NAMES = {"year": "Year / Año", "lang": "Language / Idioma", "panel": "Panel",
                 "view": "View / Vista"};
    function repair() {
        document.querySelectorAll(".dash-checklist, .dash-radioitems").forEach(function (list) {
            if (list.getAttribute("role") === "listbox") { list.setAttribute("role", "group"); }
            if (NAMES[list.id]) { list.dataset.redesLabel = NAMES[list.id]; }
            named(list);
            list.querySelectorAll("[role=option], [aria-selected]").forEach(function (option) {
                option.removeAttribute("role");
                option.removeAttribute("aria-selected");
            });
        });
        // A dropdown is reached through a focusable input marked aria-hidden: unhide it and
        // give it the dropdown's name (its fieldset's legend or its <label for>).
        document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
            var button = input.parentElement.querySelector("button.dash-dropdown");
            var label = button && document.querySelector("label[for='" + button.id + "']");
            var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
            input.removeAttribute("aria-hidden");
            input.setAttribute("aria-label", ((label || legend || {}).textContent || "").trim()
                               || (button && button.id) || "");
        });
        document.querySelectorAll(".dash-slider-container").forEach(function (box) {
            var label = NAMES[box.id] || (document.querySelector("label[for='" + box.id + "']") || {}).textContent
                || box.id;
            box.querySelectorAll("input, [role=slider]").forEach(function (control) {
                if (!control.getAttribute("aria-label")) { control.setAttribute("aria-label", label); }
            });
        });
    }
    var pending = false;
    new MutationObserver(function () {
        if (pending) { return; }
        pending = true;
        requestAnimationFrame(function () { pending = false; repair(); });
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                          attributeFilter: ["role", "aria-hidden", "aria-selected"]});

    // Dash does not hear a <details> open or close: tell it when the table view does.
    document.addEventListener("toggle", function (event) {
        if (event.target && event.target.id === "tables-box") {
            window.dash_clientside.set_props("tables-open", {data: event.target.open});
        }
    }, true);

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        redes: {
            /* A view shown after being hidden: graphs and charts measure their new size. */
            reveal: function (hidden) {
                if (hidden) { return window.dash_clientside.no_update; }
                setTimeout(function () {
                    ["affiliation", "coalitions"].forEach(function (id) {
                        var cy = cyOf(id);
                        if (cy) { whenSized(cy, function () { cy.fit(undefined, 25); }); }
                    });
                    window.dispatchEvent(new Event("resize"));
                }, 0);
                return Date.now();
            },
            /* Apply a paint delta; returns the key of the view now painted. */
            paint: function (p, painted) {
                if (!p) { return window.dash_clientside.no_update; }
                var last = queue.length ? queue[queue.length - 1].key : (painted || null);
                if (p.base !== null && p.base !== last) {
                    // A delta against a view this page does not show: ask for a full paint.
                    queue = [];
                    window.dash_clientside.set_props("resync", {data: Date.now()});
                    return null;
                }
                queue.push(p);
                flush();
                return p.key;
            }
        }
    });
})();
