/* Redes, browser side: a slow measure computed by a background job (callbacks/render.py,
 * _measure) runs once per view and is drawn once the job ends. The job's answer lands in a store; the view is then
 * asked for again through "resync", as a paint the page cannot apply does (redes-graph.js).
 * Set from here rather than as the job's own output: Dash does not start a callback again
 * from the output of a background one started by the same change (plotly/dash#2767).
 */
(function () {
    "use strict";
    window.dash_clientside = window.dash_clientside || {};
    var ns = window.dash_clientside.redes = window.dash_clientside.redes || {};

    /* The job's view, passed on only when it is not the one a job already ran or runs for:
     * a redraw while the job runs names the same view (and a second job would end the
     * first), and a job whose result could not be kept must not start again and again. */
    ns.measureOnce = function (ask, running) {
        if (!ask || (running && running.data === ask.data && running.query === ask.query)) {
            return window.dash_clientside.no_update;
        }
        return ask;
    };

    ns.measured = function (done) {
        if (done) { window.dash_clientside.set_props("resync", {data: Date.now()}); }
        return window.dash_clientside.no_update;
    };
}());
