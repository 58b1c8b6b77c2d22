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

    function sized(cy) { return cy.width() >= 10 && cy.height() >= 10; }

    function sane(cy) {
        var pan = cy.pan();
        return isFinite(cy.zoom()) && isFinite(pan.x) && isFinite(pan.y);
    }

    // A graph whose container is hidden (the discourse view, a presenter scene of it) has no
    // size: any fit or centring then computes zoom and pan from zero and leaves the picture
    // blank for good (zoom 4, pan -Infinity). So a viewport change waits until the container
    // has a size again (the guard below runs it then), and the last good viewport is kept
    // and restored whenever the container comes back.
    var guarded = {};

    function guard(cy) {
        var container = cy.container();
        if (!container || guarded[container.id] === cy) { return; }
        guarded[container.id] = cy;
        cy.on("viewport", function () { labelsSoon(cy); });
        if (container.id !== GRAPH) {
            cy.on("layoutstop", function () { fitPicture(cy); });
            cy.on("add remove", function () { labelsSoon(cy); });
        }
        var good = null, wasHidden = !sized(cy);
        cy.on("viewport", function () {
            if (sized(cy) && sane(cy)) { good = {zoom: cy.zoom(), pan: Object.assign({}, cy.pan())}; }
        });
        new ResizeObserver(function () {
            cy.resize();
            if (!sized(cy)) { wasHidden = true; return; }
            var pending = cy.scratch("_redesPending");
            var app = document.getElementById("app");
            if (pending) {
                cy.removeScratch("_redesPending");
                pending();
            } else if (container.id !== GRAPH) {
                fitPicture(cy);  // a discourse picture: refit to its new box
            } else if (app && app.classList.contains("presenting")) {
                // the presenter's picture always fills its screen
                var shown = cy.elements(".on, node[band]");
                cy.fit(shown.length ? shown : undefined, 30);
            } else if (wasHidden || !sane(cy)) {
                if (good) { cy.viewport(good); }
                else { cy.fit(cy.elements(".on, node[band]").length ? cy.elements(".on, node[band]") : undefined, 30); }
            }
            wasHidden = false;
        }).observe(container);
    }

    function whenSized(cy, action, done) {
        // On a fresh page the container can still be 0 px high when the first paint lands,
        // and a hidden view has no size at all: run the viewport change now if the graph
        // has a size, else when it gets one (the latest change wins). ``done`` runs once the
        // change is made or put off.
        guard(cy);
        setTimeout(function () {  // after this frame: new base positions land first
            cy.resize();
            if (sized(cy)) {
                cy.removeScratch("_redesPending");
                action();
            } else {
                cy.scratch("_redesPending", action);
            }
            if (done) { done(); }
        }, 0);
    }

    // Labels are drawn at a fixed size on screen (12 px; 20 px in presenter mode), whatever
    // the zoom, and never over one another: after each paint and zoom, the candidates (the
    // selection first, then the actors the server ranked and placed, then the rest by size)
    // get a label while its box on screen is free. Zooming in frees room, so more labels
    // appear; a faded actor keeps none.
    var LABEL_PX = 12, PRESENT_PX = 20, MAX_LABELS = 80, MAX_CANDIDATES = 400, BIG = 1500;

    function labelSize() {
        var app = document.getElementById("app");
        return app && app.classList.contains("presenting") ? PRESENT_PX : LABEL_PX;
    }

    var measure = document.createElement("canvas").getContext("2d");

    function textWidth(text, px, bold) {
        // the width Cytoscape will draw the label at (same font), so boxes do not overlap
        measure.font = (bold ? "bold " : "") + px + "px DejaVu Sans, Arial, sans-serif";
        return measure.measureText(text).width;
    }

    function placeLabels(cy) {
        // The network graph labels what fits (class "lod"); the discourse pictures label
        // every actor in their stylesheet, so there the ones that do not fit are blanked.
        var main = cy.container() && cy.container().id === GRAPH;
        var px = labelSize(), z = cy.zoom();
        if (!sized(cy) || !sane(cy)) { return; }
        var ext = cy.extent(), w = cy.width(), h = cy.height();
        var rank = main ? function (n) {
            if (n.hasClass("focus") || n.hasClass("picked") || n.selected()) { return 0; }
            // "key" / "central": what the thesis calls it
            if (n.hasClass("path") || n.hasClass("key")) { return 1; }
            return n.hasClass("labelled") || n.hasClass("central") ? 2 : 3;
        } : function (n) {
            if (n.hasClass("discourse")) { return n.hasClass("faded") ? 2 : 0; }
            return n.hasClass("coalition") ? 1 : 3;
        };
        var nodes = main ? cy.nodes(".on") : cy.nodes();
        if (!main) { nodes.removeStyle(); }  // back to the stylesheet's labels, then choose
        // each candidate's rank and weight worked out once (a sort compares thousands of
        // times: computing degrees there cost seconds at 5,000 actors)
        var order = {};
        var candidates = nodes.filter(function (n) {
            var p = n.position();
            if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) { return false; }
            var labelled = main || n.pstyle("label").strValue !== "";
            var r = rank(n);
            // a faded actor keeps no label (a faded discourse in its picture does)
            var keep = !n.hasClass("faded") || r === 0 || (!main && r <= 2);
            if (labelled && keep) {
                order[n.id()] = [r, main ? (n.data("size") || 0) : n.degree()];
                return true;
            }
            return false;
        }).sort(function (a, b) {
            var x = order[a.id()], y = order[b.id()];
            return x[0] - y[0] || y[1] - x[1];
        });
        // On a big network only the first few hundred candidates can win a label anyway:
        // looking at thousands made each step seconds slower (5,000 actors).
        if (candidates.length > MAX_CANDIDATES) { candidates = candidates.slice(0, MAX_CANDIDATES); }
        var big = main && nodes.length > BIG;
        if (big) {  // thousands of actors: only those the server ranked and the thesis names
            candidates = candidates.filter(function (n) { return order[n.id()][0] <= 2; });
        }
        var boxes = [], chosen = [];
        if (main) {  // the level bands' names are there first
            cy.nodes("[band]").forEach(function (n) {
                var b = n.renderedBoundingBox({includeLabels: true});
                boxes.push({x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2});
            });
        }
        // the nodes a label must not cover: those on screen and big enough to hide (from
        // their position and size: cheaper than Cytoscape's bounding boxes for thousands)
        var nodeBoxes = [];
        (big ? cy.collection() : nodes).forEach(function (n) {
            var p = n.position(), r = (n.data("size") || 10) * z / 2 + 1;
            if (r < 3 || p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) { return; }
            var q = n.renderedPosition();
            nodeBoxes.push({id: n.id(), x1: q.x - r, x2: q.x + r, y1: q.y - r, y2: q.y + r});
        });
        var hits = function (b, own, labelsOnly) {
            var i;
            for (i = 0; i < boxes.length; i++) {
                if (b.x1 < boxes[i].x2 && b.x2 > boxes[i].x1 && b.y1 < boxes[i].y2 && b.y2 > boxes[i].y1) { return true; }
            }
            if (labelsOnly) { return false; }
            for (i = 0; i < nodeBoxes.length; i++) {
                var o = nodeBoxes[i];
                if (o.id !== own && b.x1 < o.x2 && b.x2 > o.x1 && b.y1 < o.y2 && b.y2 > o.y1) { return true; }
            }
            return false;
        };
        // On the network, a label goes below its node, else above, right or left of it,
        // wherever it first fits (the discourse pictures keep their sides).
        var SPOTS = [["bottom", "center"], ["top", "center"], ["center", "right"],
                     ["center", "left"]];
        var spots = {};
        candidates.forEach(function (n) {
            if (chosen.length >= MAX_LABELS) { return; }
            var text = n.data("label") || "";
            var p = n.renderedPosition(), bb = n.renderedBoundingBox({includeLabels: false});
            var halo = Math.max(px / 5, 2);  // the white outline around the text
            var width = Math.min(textWidth(text, px, n.pstyle("font-weight").strValue === "bold"),
                                 px * 16) + 2 * halo + 2;
            var high = px * 1.3 + 2 * halo;
            var boxAt = function (v, hz) {
                if (hz === "left") {
                    return {x1: bb.x1 - width - 3, x2: bb.x1 - 1, y1: p.y - high / 2, y2: p.y + high / 2};
                }
                if (hz === "right") {
                    return {x1: bb.x2 + 1, x2: bb.x2 + width + 3, y1: p.y - high / 2, y2: p.y + high / 2};
                }
                var y0 = v === "top" ? bb.y1 - 2 - high : bb.y2 + 2;
                return {x1: p.x - width / 2, x2: p.x + width / 2, y1: y0, y2: y0 + high};
            };
            var tries = main ? SPOTS : [[n.pstyle("text-valign").strValue,
                                         n.pstyle("text-halign").strValue]];
            // the actors the server ranked may cover a small node (the halo keeps both
            // readable), never another label
            var key = rank(n) <= 1;
            for (var k = 0; k < tries.length; k++) {
                var box = boxAt(tries[k][0], tries[k][1]);
                var inside = box.x1 >= 0 && box.x2 <= w && box.y1 >= 0 && box.y2 <= h;
                if ((rank(n) === 0 && k === 0) || (inside && !hits(box, n.id(), key))) {
                    boxes.push(box);
                    chosen.push(n);
                    spots[n.id()] = tries[k];
                    return;
                }
            }
        });
        cy.batch(function () {
            if (main) {
                cy.nodes(".lod").forEach(function (n) {
                    if (chosen.indexOf(n) < 0) { n.removeClass("lod"); n.removeStyle(); }
                });
            } else {
                // (a bypass of "" would mean "no bypass": hide the text instead)
                nodes.forEach(function (n) { if (chosen.indexOf(n) < 0) { n.style("text-opacity", 0); } });
            }
            chosen.forEach(function (n) {
                if (main) { n.addClass("lod"); }
                n.style({"font-size": px / z, "text-max-width": px * 16 / z,
                         "text-outline-width": Math.max(px / 5, 2) / z});
                if (main) {
                    var spot = spots[n.id()];
                    n.style({"text-valign": spot[0], "text-halign": spot[1],
                             "text-margin-y": spot[0] === "bottom" ? 2 / z : spot[0] === "top" ? -2 / z : 0,
                             "text-margin-x": spot[1] === "right" ? 2 / z : spot[1] === "left" ? -2 / z : 0});
                }
            });
        });
        if (!main) { return; }
        // Check with the boxes Cytoscape really draws (the estimate above can be off by the
        // halo): a label that still touches one placed before it goes, so none overprints.
        var kept = [];
        chosen.forEach(function (n) {
            var b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
            var clash = rank(n) > 0 && kept.some(function (o) {
                return b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2;
            });
            if (clash) { n.removeClass("lod"); n.removeStyle(); } else { kept.push(b); }
        });
    }

    function fitPicture(cy) {
        // The discourse pictures: fit the nodes (not the labels the stylesheet would draw
        // at its own size), leaving room for labels drawn at a fixed size on screen: the
        // actors' labels on the left of the affiliation picture, the discourses' on its
        // right, and below the nodes of the coalition picture.
        if (!sized(cy) || !cy.nodes().length) { return; }
        var px = labelSize(), bb = cy.nodes().boundingBox({includeLabels: false});
        var side = cy.container().id === "affiliation";
        var widest = 0;  // the discourses' names, right of their nodes, must fit
        cy.nodes(".discourse").forEach(function (n) {
            widest = Math.max(widest, textWidth(n.data("label") || "", px, true));
        });
        var left = side ? px * 10 : px * 5;
        var right = side ? Math.min(widest + px * 2, cy.width() * 0.45) : px * 5;
        var top = px * 1.5, bottom = side ? px * 1.5 : px * 2.5;
        var zoom = Math.min((cy.width() - left - right) / Math.max(bb.w, 1),
                            (cy.height() - top - bottom) / Math.max(bb.h, 1), 2);
        zoom = Math.max(zoom, cy.minZoom());
        var spareX = cy.width() - left - right - bb.w * zoom;
        var spareY = cy.height() - top - bottom - bb.h * zoom;
        cy.viewport({zoom: zoom, pan: {x: left + spareX / 2 - bb.x1 * zoom,
                                       y: top + spareY / 2 - bb.y1 * zoom}});
    }

    function labelsSoon(cy) {
        if (cy.scratch("_redesLabelTimer")) { return; }
        cy.scratch("_redesLabelTimer", setTimeout(function () {
            cy.removeScratch("_redesLabelTimer");
            placeLabels(cy);
        }, 60));
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
        var done = function () {
            labelsSoon(cy);
            if (el && latest === p.key) { el.dataset.painted = p.key; }
        };
        var centre = p.centre ? cy.getElementById(p.centre) : null;
        if (centre && centre.length && centre.hasClass("on") && !(p.frame && p.frame.length)) {
            // Centre a newly selected organisation (after fitting, on a fresh page).
            whenSized(cy, function () {
                if (p.fit) { cy.fit(cy.elements(".on, node[band]"), 30); }
                cy.animate({center: {eles: centre}, zoom: Math.max(cy.zoom(), 1.1)},
                           {duration: 400});
            }, done);
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
            }, done);
        } else if (p.fit) {
            whenSized(cy, function () {
                var shown = cy.elements(".on, node[band]");
                cy.fit(shown.length ? shown : undefined, 30);
            }, done);
        } else {
            guard(cy);
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
        if (!button || button.disabled) { return; }
        event.preventDefault();
        if (event.key === "Escape") {
            // stop the years at once: a tick in flight would otherwise carry on playing them
            // in the normal view after leaving
            window.dash_clientside.set_props("timer", {disabled: true});
        }
        button.click();
    });

    // The slider's year box takes a typed year only when it loses focus (Dash's slider):
    // Enter commits it too, and the box keeps the focus.
    document.addEventListener("keydown", function (event) {
        var box = event.target;
        if (event.key !== "Enter" || !box || box.tagName !== "INPUT"
            || !box.closest(".dash-slider-container")) { return; }
        box.blur();
        box.focus();
    }, true);

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
        if (label) { el.setAttribute("aria-label", label); el.setAttribute("data-redes-named", "1"); }
    }
    var NAMES_BY_LANG = {
        en: {"year": "Year", "lang": "Language", "panel": "Panel", "view": "View"},
        es: {"year": "Año", "lang": "Idioma", "panel": "Panel", "view": "Vista"}
    };
    var NAMES = NAMES_BY_LANG.en;
    function repair() {
        var lang = document.documentElement.lang === "es" ? "es" : "en";
        if (NAMES !== NAMES_BY_LANG[lang]) {  // the language changed: rename what we named
            NAMES = NAMES_BY_LANG[lang];
            document.querySelectorAll("[data-redes-named]").forEach(function (el) {
                el.removeAttribute("aria-label");
                el.removeAttribute("data-redes-named");
            });
        }
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
                if (!control.getAttribute("aria-label")) {
                    control.setAttribute("aria-label", label);
                    control.setAttribute("data-redes-named", "1");
                }
            });
        });
    }
    var pending = false;
    new MutationObserver(function () {
        if (pending) { return; }
        pending = true;
        requestAnimationFrame(function () { pending = false; repair(); });
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                          attributeFilter: ["role", "aria-hidden", "aria-selected", "lang"]});

    // Answers in view, focus kept.
    // - Dash redraws the tables and panels a click came from, and the focus falls to <body>
    //   (a keyboard user was sent 44 tabs back): when the focused element is replaced, the
    //   focus goes to the new element with the same id, or to a fallback.
    // - "Who can introduce us?" answers at the top of the panel, a search on a narrow screen
    //   opens the profile far below: the answer is scrolled into view (and focused).
    var lastFocus = null, wantAnswer = null;
    document.addEventListener("focusin", function (event) {
        var el = event.target;
        if (el && el.id && el !== document.body) { lastFocus = el.id; }
    });
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button");
        if (!button || !button.id) { return; }
        if (button.id.indexOf('"type":"intro"') >= 0) {  // components.ids.INTRO
            wantAnswer = {id: "co-paths", at: Date.now()};
        } else if (button.id.indexOf('"type":"search-hit"') >= 0) {  // SEARCH_HIT
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        } else if (button.id === "present-exit") {
            lastFocus = "present-start";
        }
    }, true);
    // a tap on an organisation in the graph opens its profile: on a narrow screen that is
    // far below, so bring it into view
    var tapWatch = setInterval(function () {
        var cy = cyOf(GRAPH);
        if (!cy) { return; }
        clearInterval(tapWatch);
        cy.on("tap", "node", function () {
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        });
    }, 500);
    document.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target && event.target.id === "search") {
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        }
    }, true);
    function keepFocus() {
        var active = document.activeElement;
        if ((!active || active === document.body) && lastFocus) {
            var again = document.getElementById(lastFocus);
            if (again && again.offsetParent !== null) { again.focus({preventScroll: true}); }
        }
        if (wantAnswer && Date.now() - wantAnswer.at < 8000) {
            var answer = document.getElementById(wantAnswer.id);
            var narrow = window.innerWidth <= 1100;
            if (answer && answer.offsetParent !== null && answer.textContent.trim()
                && (!wantAnswer.narrow || narrow)) {
                var box = answer.getBoundingClientRect();
                if (box.top < 0 || box.top > window.innerHeight * 0.6) {
                    answer.scrollIntoView({block: "start", behavior: "smooth"});
                }
                if (answer.tabIndex >= 0 || answer.getAttribute("tabindex") === "-1") {
                    answer.focus({preventScroll: true});
                }
                wantAnswer = null;
            }
        }
    }
    new MutationObserver(function () { requestAnimationFrame(keepFocus); })
        .observe(document.documentElement, {subtree: true, childList: true});

    function wrapText(ctx, text, width) {
        var words = String(text || "").split(/\s+/), lines = [], line = "";
        words.forEach(function (word) {
            var next = line ? line + " " + word : word;
            if (ctx.measureText(next).width > width && line) { lines.push(line); line = word; }
            else { line = next; }
        });
        if (line) { lines.push(line); }
        return lines;
    }

    function savePicture(image, picture) {
        var c = picture.caption, k = 2;  // Cytoscape drew at scale 2
        var font = "DejaVu Sans, Arial, sans-serif", pad = 16 * k;
        var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
        var width = Math.max(image.width, 700 * k), inner = width - 2 * pad;
        var head = [], foot = [], legendRows = [];
        if (c) {
            ctx.font = "bold " + 18 * k + "px " + font;
            head = wrapText(ctx, c.title, inner).map(function (l) { return [l, "bold", 18]; });
            ctx.font = 13 * k + "px " + font;
            [c.view, c.filters].forEach(function (text) {
                wrapText(ctx, text, inner).forEach(function (l) { head.push([l, "", 13]); });
            });
            var x = 0, row = [];
            (c.legend || []).forEach(function (entry) {
                var w = 18 * k + ctx.measureText(entry[0]).width + 14 * k;
                if (x + w > inner && row.length) { legendRows.push(row); row = []; x = 0; }
                row.push([entry, x]); x += w;
            });
            if (row.length) { legendRows.push(row); }
            ctx.font = 11 * k + "px " + font;
            var link = window.location.origin + window.location.pathname + c.link;
            [c.credit, c.more + " " + link].forEach(function (text) {
                wrapText(ctx, text, inner).forEach(function (l) { foot.push([l, "", 11]); });
            });
        }
        var lineH = function (size) { return size * 1.35 * k; };
        var headH = head.reduce(function (h, l) { return h + lineH(l[2]); }, 0);
        var legendH = legendRows.length * 20 * k;
        var footH = foot.reduce(function (h, l) { return h + lineH(l[2]); }, 0);
        var top = c ? pad + headH + 8 * k : 0;
        canvas.width = width;
        canvas.height = top + image.height + (c ? 8 * k + legendH + 6 * k + footH + pad : 0);
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(image, Math.round((width - image.width) / 2), top);
        ctx.fillStyle = "#111";
        ctx.textBaseline = "top";
        var y = pad;
        head.forEach(function (l) {
            ctx.font = (l[1] ? "bold " : "") + l[2] * k + "px " + font;
            ctx.fillText(l[0], pad, y); y += lineH(l[2]);
        });
        y = top + image.height + 8 * k;
        ctx.font = 12 * k + "px " + font;
        legendRows.forEach(function (row) {
            row.forEach(function (item) {
                var entry = item[0], x0 = pad + item[1];
                ctx.beginPath();
                ctx.arc(x0 + 6 * k, y + 8 * k, 6 * k, 0, 2 * Math.PI);
                ctx.fillStyle = entry[1]; ctx.fill();
                ctx.strokeStyle = "#333"; ctx.lineWidth = k; ctx.stroke();
                ctx.fillStyle = "#111";
                ctx.fillText(entry[0], x0 + 18 * k, y + 2 * k);
            });
            y += 20 * k;
        });
        y += 6 * k;
        ctx.fillStyle = "#444";
        foot.forEach(function (l) {
            ctx.font = l[2] * k + "px " + font; ctx.fillText(l[0], pad, y); y += lineH(l[2]);
        });
        canvas.toBlob(function (blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = picture.filename || "network.png";
            document.body.appendChild(a);
            a.click();
            setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        }, "image/png");
    }

    // Presenter mode asks for the real full screen (a click is the gesture browsers need);
    // leaving it leaves full screen, and the browser's own Escape out of full screen (which
    // the page never hears as a key) leaves presenter mode too.
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button");
        if (!button) { return; }
        var root = document.documentElement;
        if (button.id === "present-start" && !document.fullscreenElement && root.requestFullscreen) {
            root.requestFullscreen().catch(function () { /* refused: present in the window */ });
        } else if (button.id === "present-exit" && document.fullscreenElement && document.exitFullscreen) {
            document.exitFullscreen().catch(function () { /* already out */ });
        }
    }, true);
    document.addEventListener("fullscreenchange", function () {
        var app = document.getElementById("app");
        var exit = document.getElementById("present-exit");
        if (!document.fullscreenElement && app && app.classList.contains("presenting") && exit) {
            window.dash_clientside.set_props("timer", {disabled: true});
            exit.click();
        }
    });

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
                        if (cy) { whenSized(cy, function () { fitPicture(cy); }); }
                    });
                    window.dispatchEvent(new Event("resize"));
                }, 0);
                return Date.now();
            },
            /* Presenter: next, previous and start, without asking the server where to go.
             * `steps` holds each scene's link and control values (callbacks/present.py);
             * writing them draws the scene in one round trip. */
            step: function (prevClicks, nextClicks, startClicks, steps, scene, search) {
                var now = Array.prototype.slice.call(arguments, 6);  // the controls' values
                var none = window.dash_clientside.no_update;
                var scenes = (steps && steps.scenes) || [];
                var idle = [none];
                for (var i = 0; i < ((steps && steps.controls) || 0); i++) { idle.push(none); }
                idle.push(none);  // the view presenting starts from (kept for Escape)
                var trig = (window.dash_clientside.callback_context.triggered || [])[0];
                var which = trig ? trig.prop_id.split(".")[0] : "";
                if (!trig || !trig.value || !steps) { return idle; }
                if (!scenes.length) {
                    // no scenes (an upload): present the view as it is; the controls follow
                    // from the link (callbacks/state.py)
                    var query = new URLSearchParams(search || "");
                    query.set("present", "1");
                    idle[0] = "?" + query.toString();
                    idle[idle.length - 1] = search || "";
                    return idle;
                }
                var last = scenes.length - 1;
                var at = (scene === null || scene === undefined) ? -1 : scene;
                var index = which === "scene-next" ? at + 1 : which === "scene-prev" ? at - 1 : 0;
                index = Math.min(Math.max(index, 0), last);
                if (which !== "present-start" && index === at) { return idle; }  // first or last
                // write only the controls that change: writing a control's own value again
                // fires everything that listens to it (the language relabels the whole page)
                var same = function (a, b) {
                    if (Array.isArray(a) && Array.isArray(b)) {
                        return JSON.stringify(a.map(String).sort()) === JSON.stringify(b.map(String).sort());
                    }
                    return JSON.stringify(a) === JSON.stringify(b);
                };
                var before = which === "present-start" ? (search || "") : none;
                return [scenes[index].search].concat(scenes[index].controls.map(function (v, k) {
                    return same(v, now[k]) ? none : v;
                }), [before]);
            },

            /* A picture Cytoscape drew: for the evidence pack, hand it to the server; else
             * save it as a PNG, with a caption block (title, year and counts, filters, the
             * legend, the credit and the link to the view) unless the box is unticked. */
            composePicture: function (imageData, picture) {
                var none = window.dash_clientside.no_update;
                if (!imageData || !picture) { return [none, none]; }
                // emptied, so that the same picture asked for again is handled again
                window.dash_clientside.set_props(GRAPH, {imageData: null});
                if (picture.intent === "evidence") { return [none, imageData]; }
                var image = new Image();
                image.onload = function () { savePicture(image, picture); };
                image.src = imageData;
                return [Date.now(), none];
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
