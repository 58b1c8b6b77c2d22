/* Redes, browser side: which actor a tap on the graph or a click on a button selects (the
 * key actors, a profile's ties, a table row, a search suggestion). Decided here, not on the
 * server: every redraw that draws such buttons anew fires this callback (Dash calls a
 * pattern-matched callback when its inputs appear), and a request each time would double the
 * round trips of a slider step. Enter in the search box asks the server (callbacks/search.py).
 */
(function () {
    "use strict";
    window.dash_clientside = window.dash_clientside || {};
    var ns = window.dash_clientside.redes = window.dash_clientside.redes || {};

    ns.pick = function () {
        var dc = window.dash_clientside, ctx = dc.callback_context;
        var fired = ctx && ctx.triggered && ctx.triggered[0];
        var id = ctx && ctx.triggered_id;
        if (!fired || !id) { return dc.no_update; }
        if (id === "graph") {  // a tap: the node's data
            return fired.value && fired.value.id ? fired.value.id : dc.no_update;
        }
        // a button just drawn by a redraw has no clicks yet; a real click always has a number
        if (typeof id === "object" && id.actor && fired.value) { return id.actor; }
        return dc.no_update;
    };
}());
