/* Redes, browser side: labels placed in screen space (placeLabels, labelsSoon).
 *
 * Used by redes-graph.js after each paint, zoom and resize, for the network graph and the
 * discourse pictures alike.
 */
(function () {
    "use strict";

    function fold(text) {
        return " " + String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
            .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim() + " ";
    }

    // In presenter mode, a test of whether the scene's caption names an actor (its label,
    // as whole words, accents and case aside: "RAE Peru" names "RAE Perú"); null otherwise.
    // The caption is on the page when the label pass runs, drawn in the same answer.
    function captionNames() {
        var app = document.getElementById("app");
        var caption = document.getElementById("present-caption");
        if (!app || !app.classList.contains("presenting") || !caption) { return null; }
        var text = fold(caption.textContent) + fold(
            (document.getElementById("present-title") || {}).textContent);
        if (!text.trim()) { return null; }
        return function (n) {
            var label = fold(n.data("label"));
            return label.length > 4 && text.indexOf(label) >= 0;  // " abc " is 3 letters
        };
    }
    var R = window.redesShared;
    var GRAPH = R.GRAPH, sized = R.sized, sane = R.sane;
    var labelSize = R.labelSize, textWidth = R.textWidth;

    // Labels are drawn at a fixed size on screen (12 px; 20 px in presenter mode), whatever
    // the zoom, and never over one another: after each paint and zoom, the candidates (the
    // selection first, then the actors the server ranked and placed, then the rest by size)
    // get a label while its box on screen is free. Zooming in frees room, so more labels
    // appear; a faded actor keeps none.
    var MAX_LABELS = 80, MAX_CANDIDATES = 400, BIG = 1500;

    function placeLabels(cy) {
        // The network graph labels what fits (class "lod"); the discourse pictures label
        // every actor in their stylesheet, so there the ones that do not fit are blanked.
        var main = cy.container() && cy.container().id === GRAPH;
        var px = labelSize(), z = cy.zoom();
        if (!sized(cy) || !sane(cy)) { return; }
        var ext = cy.extent(), w = cy.width(), h = cy.height();
        var named = main ? captionNames() : null;
        var rank = main ? function (n) {
            if (n.hasClass("focus") || n.hasClass("picked") || n.selected()) { return 0; }
            // a presenter's caption names it: its name comes right after the selection's,
            // even where the scene fades it
            if (named && named(n)) { return 0.5; }
            // the selection's partners, highlighted with it
            if (n.hasClass("near") && !n.hasClass("faded")) { return 1; }
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
            var keep = !n.hasClass("faded") || r <= 0.5 || (!main && r <= 2);
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
            // (the network cuts a long name at 16 em; the discourse pictures draw it whole)
            var width = Math.min(textWidth(text, px, n.pstyle("font-weight").strValue === "bold"),
                                 main ? px * 16 : Infinity) + 2 * halo + 2;
            var high = px * 1.3 + 2 * halo;
            var boxAt = function (v, hz) {
                if (hz === "left") {
                    return {x1: bb.x1 - width - 3, x2: bb.x1 - 1, y1: p.y - high / 2, y2: p.y + high / 2, dx: 0};
                }
                if (hz === "right") {
                    return {x1: bb.x2 + 1, x2: bb.x2 + width + 3, y1: p.y - high / 2, y2: p.y + high / 2, dx: 0};
                }
                var y0 = v === "top" ? bb.y1 - 2 - high : bb.y2 + 2;
                var x0 = p.x - width / 2, dx = 0;
                // a label above or below its node slides sideways to stay inside the canvas
                if (main && width <= w - 2 * halo) { dx = Math.max(0, halo - x0) || Math.min(0, w - halo - (x0 + width)); }
                return {x1: x0 + dx, x2: x0 + width + dx, y1: y0, y2: y0 + high, dx: dx};
            };
            var tries = main ? SPOTS : [[n.pstyle("text-valign").strValue,
                                         n.pstyle("text-halign").strValue]];
            var r = rank(n);
            var take = function (box, spot) {
                boxes.push(box);
                chosen.push(n);
                spots[n.id()] = [spot[0], spot[1], box.dx];
            };
            // first a spot inside the canvas clear of labels and nodes; then, for the selection
            // and the actors the server ranked, one that covers a node (the halo keeps both
            // readable) but never another label; the selection is always named
            var rounds = r <= 1 ? [false, true] : [false];
            for (var round = 0; round < rounds.length; round++) {
                for (var k = 0; k < tries.length; k++) {
                    var box = boxAt(tries[k][0], tries[k][1]);
                    var inside = box.x1 >= halo && box.x2 <= w - halo && box.y1 >= halo && box.y2 <= h - halo;
                    if (inside && !hits(box, n.id(), rounds[round])) { take(box, tries[k]); return; }
                }
            }
            if (r === 0) {
                var last = tries[0];
                for (k = 0; k < tries.length; k++) {
                    var b = boxAt(tries[k][0], tries[k][1]);
                    if (b.x1 >= halo && b.x2 <= w - halo && b.y1 >= halo && b.y2 <= h - halo) { last = tries[k]; break; }
                }
                take(boxAt(last[0], last[1]), last);
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
                             "text-margin-x": (spot[1] === "right" ? 2 : spot[1] === "left" ? -2 : spot[2] || 0) / z});
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
        // which paint the labels belong to, and how many passes ran (tests wait on these
        // instead of sleeping). Written on the graph's box, not on Cytoscape's container:
        // any change of the container's attributes makes Cytoscape resize, dash-cytoscape's
        // "responsive" then sets zoom and pan, and the viewport event placed the labels
        // again: a pass every ~165 ms for as long as the page was open, and the pan nudged.
        var box = cy.container(), marks = box.parentElement || box;
        marks.dataset.labelled = box.dataset.painted || "";
        marks.dataset.labelZoom = String(z);  // the zoom the labels were sized for
        marks.dataset.labelPasses = String(Number(marks.dataset.labelPasses || 0) + 1);
    }

    function labelsSoon(cy) {
        if (cy.scratch("_redesLabelTimer")) { return; }
        cy.scratch("_redesLabelTimer", setTimeout(function () {
            cy.removeScratch("_redesLabelTimer");
            placeLabels(cy);
        }, 60));
    }

    R.placeLabels = placeLabels;
    R.labelsSoon = labelsSoon;
})();
