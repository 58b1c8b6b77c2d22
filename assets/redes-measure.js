/* Redes, browser side: a slow measure computed by a background job (callbacks/render.py,
 * _measure) is drawn once the job ends. The job's answer lands in a store; the view is then
 * asked for again through "resync", as a paint the page cannot apply does (redes-graph.js).
 * Set from here rather than as the job's own output: Dash does not start a callback again
 * from the output of a background one started by the same change (plotly/dash#2767).
 */
(function () {
    "use strict";
    window.dash_clientside = window.dash_clientside || {};
    var ns = window.dash_clientside.redes = window.dash_clientside.redes || {};

    ns.measured = function (done) {
        if (done) { window.dash_clientside.set_props("resync", {data: Date.now()}); }
        return window.dash_clientside.no_update;
    };
}());
