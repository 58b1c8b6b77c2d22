/* Redes, browser side: painting the network picture and keeping its viewport sane.
 *
 * The graph holds every actor and tie of the data set once (base elements, no classes);
 * the server sends, for each view, only what changes against the view the browser shows
 * (see components/graph.py: paint, delta). paint() applies that delta to the Cytoscape
 * instance in one batch, so a slider step touches only the elements that change. Here too:
 * the guard that keeps a hidden graph from losing its viewport, the fit of the discourse
 * pictures, and the clientside callbacks paint and reveal.
 */
(function () {
    "use strict";
    var R = window.redesShared;
    var GRAPH = R.GRAPH, cyOf = R.cyOf, sized = R.sized, sane = R.sane;
    var labelSize = R.labelSize, textWidth = R.textWidth;
    var queue = [];
    var waiting = false;
    var latest = null;  // the key of the last paint applied

    // placing labels is redes-labels.js's (loaded after this file, called only later)
    function labelsSoon(cy) { R.labelsSoon(cy); }

    function ready(cy, p) {
        // The base elements arrive with the first paint: wait until Cytoscape has them.
        if (!cy || cy.elements().length < p.total) { return false; }
        var first = (p.nodes[0] || p.edges[0] || [])[0];
        return !first || cy.getElementById(first).length > 0;
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
        var seen = "";  // the size last handled
        var shown = sized(cy) ? {w: cy.width(), h: cy.height()} : null;  // and its sides
        new ResizeObserver(function () {
            cy.resize();
            if (!sized(cy)) { wasHidden = true; seen = ""; shown = null; return; }
            // a resize to the same size (the presenter's flexible box reports one after each
            // refit, sub-pixel) is no resize: refitting then ran every ~200 ms, for ever
            var size = cy.width() + "x" + cy.height();
            if (size === seen && !cy.scratch("_redesPending")) { return; }
            seen = size;
            var pending = cy.scratch("_redesPending");
            var app = document.getElementById("app");
            if (pending) {
                cy.removeScratch("_redesPending");
                pending();
            } else if (container.id !== GRAPH) {
                fitPicture(cy);  // a discourse picture: refit to its new box
            } else if (app && app.classList.contains("presenting")) {
                presentFit(cy);  // the presenter's picture always fills its screen
            } else if (wasHidden || !sane(cy)) {
                if (good) { cy.viewport(good); } else { fitView(cy); }
            } else if (shown) {
                // a new size of a view on screen (the window, the phone turned): what was
                // in the middle stays in the middle, and a smaller box shrinks the picture
                // with it (a fit in landscape would lose its sides in portrait)
                var w = cy.width(), h = cy.height(), ratio = Math.min(w / shown.w, h / shown.h);
                cy.panBy({x: (w - shown.w) / 2, y: (h - shown.h) / 2});
                if (ratio < 1) {
                    cy.zoom({level: Math.max(cy.zoom() * ratio, cy.minZoom()),
                             renderedPosition: {x: w / 2, y: h / 2}});
                }
            }
            shown = {w: cy.width(), h: cy.height()};
            wasHidden = false;
            // a paint while the graph had no size placed no labels, and a fit that leaves
            // the viewport as it was sends no viewport event: place them now
            labelsSoon(cy);
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
        var actors = 0;  // and the actors' names, left of theirs (cut at the edge before)
        cy.nodes(":not(.discourse)").forEach(function (n) {
            actors = Math.max(actors, textWidth(n.data("label") || "", px, false));
        });
        var left = side ? Math.min(Math.max(actors + px * 1.5, px * 10), cy.width() * 0.4) : px * 5;
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

    function presenting() {
        var app = document.getElementById("app");
        return !!(app && app.classList.contains("presenting"));
    }

    // The presenter's picture is fitted to what the scene is about: the actors in view that
    // are not faded (a scene that picks an actor fades the rest), by their nodes alone (the
    // labels, drawn at a fixed size on screen, get a margin of their own), so the point of
    // the scene fills the screen instead of a corner. In the level bands the bands' names,
    // placed left of the whole network, move beside the actors shown and take the label size;
    // leaving the presenter puts them back (restoreBands).
    var MAX_PRESENT_ZOOM = 2.5;

    function presentFit(cy) {
        var on = cy.nodes(".on"), focal = on.not(".faded");
        if (!focal.length) { focal = on; }
        var bands = cy.nodes("[band]");
        if (!focal.length) {
            restoreBands(cy);
            cy.fit(bands.length ? bands : undefined, 30);
            return;
        }
        var px = labelSize(), w = cy.width(), h = cy.height();
        var bb = focal.boundingBox({includeLabels: false, includeOverlays: false});
        var widest = 0;
        bands.forEach(function (n) { widest = Math.max(widest, textWidth(n.data("band") || "", px, true)); });
        var side = Math.min(px * 5, w * 0.12);  // room for the labels beside the outer nodes
        var left = bands.length ? Math.min(widest + px * 1.5, w * 0.3) + side / 2 : side;
        var top = px * 1.5, bottom = px * 2.5;  // labels go below their node first
        var zoom = Math.min((w - left - side) / Math.max(bb.w, 1),
                            (h - top - bottom) / Math.max(bb.h, 1), MAX_PRESENT_ZOOM);
        zoom = Math.min(Math.max(zoom, cy.minZoom()), cy.maxZoom());
        var spareX = w - left - side - bb.w * zoom, spareY = h - top - bottom - bb.h * zoom;
        var pan = {x: left + spareX / 2 - bb.x1 * zoom, y: top + spareY / 2 - bb.y1 * zoom};
        cy.batch(function () {
            bands.forEach(function (n) {
                if (n.scratch("_redesX") === undefined) { n.scratch("_redesX", n.position("x")); }
                // the name ends just left of the leftmost actor shown
                n.position({x: bb.x1 - px * 1.5 / zoom, y: n.position("y")});
                n.style({"font-size": px * 1.1 / zoom});
            });
        });
        cy.viewport({zoom: zoom, pan: pan});
    }

    function restoreBands(cy) {
        cy.nodes("[band]").forEach(function (n) {
            var x = n.scratch("_redesX");
            if (x === undefined) { return; }
            n.removeScratch("_redesX");
            n.position({x: x, y: n.position("y")});
            n.removeStyle("font-size");
        });
    }

    function fitView(cy) {
        // the fit of a new view: the presenter's scene, or every actor shown and the bands
        if (presenting()) { presentFit(cy); return; }
        restoreBands(cy);
        var shown = cy.elements(".on, node[band]");
        cy.fit(shown.length ? shown : undefined, 30);
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
        // a presenter link opened on its scene (redes-present.js: openScene) is fitted too
        var fit = p.fit || (presenting() && Date.now() < (R.fitUntil || 0));
        if (centre && centre.length && centre.hasClass("on") && !(p.frame && p.frame.length)) {
            // Centre a newly selected organisation (after fitting, on a fresh page).
            whenSized(cy, function () {
                if (fit) { fitView(cy); }
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
        } else if (fit) {
            whenSized(cy, function () { fitView(cy); }, done);
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

    var dc = window.dash_clientside = window.dash_clientside || {};
    dc.redes = Object.assign(dc.redes || {}, {
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
    });
})();
