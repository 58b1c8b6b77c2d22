/* Redes, browser side: the helpers the other assets/redes-*.js files share. Dash loads assets
 * in alphabetical order, so this file ("0") comes before them; it defines window.redesShared
 * (the graph's id, finding a Cytoscape instance, whether it has a size and a sane viewport,
 * the on-screen label size and text measuring), which the later files read and extend.
 * The clientside callbacks live in window.dash_clientside.redes, which each file extends.
 */
(function () {
    "use strict";
    var GRAPH = "graph";

    function cyOf(id) {
        var el = document.getElementById(id);
        return el && el._cyreg && el._cyreg.cy;
    }

    function sized(cy) { return cy.width() >= 10 && cy.height() >= 10; }

    function sane(cy) {
        var pan = cy.pan();
        return isFinite(cy.zoom()) && isFinite(pan.x) && isFinite(pan.y);
    }

    // Labels are drawn at a fixed size on screen (12 px; 20 px in presenter mode), whatever
    // the zoom (redes-labels.js places them; redes-graph.js leaves room for them in a fit).
    var LABEL_PX = 12, PRESENT_PX = 20;

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

    var R = window.redesShared = window.redesShared || {};
    Object.assign(R, {GRAPH: GRAPH, cyOf: cyOf, sized: sized, sane: sane,
                      labelSize: labelSize, textWidth: textWidth});
})();
