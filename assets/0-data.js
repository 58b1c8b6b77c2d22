/* Redes: which data set this page shows, and the browser's half of an upload.
 *
 * A page shows one data set for its whole life. At load it is fixed here: the data set a
 * link names (data=<key> in the address; the server opens it only if it was published), or
 * the upload this tab made (its key in the tab's session storage), or the bundled data.
 * Every request the page makes to the Dash server (its layout and every callback) carries
 * that key in a header, so any worker, on any machine sharing the store, answers for the
 * right data set, and two tabs can show two data sets. Changing data set reloads the page.
 *
 * This file is named 0-... so that Dash loads it before the renderer's first request.
 */
(function () {
    "use strict";
    var STORAGE = "redes-data";
    var KEY = /^[0-9a-f]{64}$/;

    function storage() {
        try { return window.sessionStorage; } catch (e) { return null; }  // blocked storage
    }

    var link = new URLSearchParams(window.location.search).get("data");
    var own = storage() && storage().getItem(STORAGE);
    var header = null;
    if (link) {
        // even a malformed key goes to the server, whose page then says the link's data
        // set is not here (instead of silently showing the bundled data)
        header = ["X-Redes-Link", KEY.test(link) ? link : "invalid"];
    } else if (own && KEY.test(own)) {
        header = ["X-Redes-Data", own];
    }

    // The language a link asks for (lang=es), sent with the layout request so that the
    // page is drawn in it from the first paint instead of switching after load.
    var wanted = new URLSearchParams(window.location.search).get("lang");
    var langHeader = wanted && /^[a-z]{2}$/.test(wanted) ? wanted : null;

    var originalFetch = window.fetch;
    window.fetch = function (input, init) {
        var url = typeof input === "string" ? input : (input && input.url) || "";
        var path = new URL(url, window.location.href);
        var ours = path.origin === window.location.origin &&
            /_dash-(layout|update-component)$/.test(path.pathname);
        var layout = ours && /_dash-layout$/.test(path.pathname);
        if (ours && (header || (layout && langHeader))) {
            init = Object.assign({}, init || {});
            var headers = new Headers(init.headers || (input && input.headers) || {});
            if (header) { headers.set(header[0], header[1]); }
            if (layout && langHeader) { headers.set("X-Redes-Lang", langHeader); }
            init.headers = headers;
        }
        var answer = originalFetch.call(this, input, init);
        if (!ours || !/_dash-layout$/.test(path.pathname)) { return answer; }
        // The layout says which data set it was built with ("" for the bundled data, when
        // the key was unknown, expired or not published): from now on the page's callbacks
        // name that one, so that they answer for what the page shows. This runs before the
        // renderer reads the layout, so before any callback is sent.
        return answer.then(function (response) {
            var built = response.headers.get("X-Redes-Page-Data");
            if (built !== null && (!header || built !== header[1])) { header = null; }
            if (response.headers.get("X-Redes-Forget") && storage()) {
                storage().removeItem(STORAGE);  // gone from the server for good
            }
            return response;
        });
    };

    function reload(keepLang) {
        // The default view of the new data set (a view of the old one would not fit it).
        var lang = new URLSearchParams(window.location.search).get("lang");
        var query = keepLang && lang ? "?lang=" + encodeURIComponent(lang) : "";
        window.location.assign(window.location.pathname + query);
    }

    function bytesOf(contents) {
        // a data URL's payload is base64: 4 characters for every 3 bytes
        var comma = (contents || "").indexOf(",");
        var body = comma < 0 ? "" : contents.length - comma - 1;
        return Math.floor(body * 3 / 4);
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        redesData: {
            // Check the size here, so that a file too large gets a message at once instead
            // of a refusal of the whole request; the server checks everything again.
            check: function (contents, names, limit) {
                var none = window.dash_clientside.no_update;
                if (!contents) { return [none, none]; }
                var list = Array.isArray(contents) ? contents : [contents];
                var nameList = Array.isArray(names) ? names : [names];
                var size = list.reduce(function (sum, c) { return sum + bytesOf(c); }, 0);
                if (limit && size > limit) {
                    window.dash_clientside.set_props("data-upload", {contents: null, filename: null});
                    return [none, {names: nameList, too_big: {size: size, limit: limit}}];
                }
                // emptied, so that choosing the same file again (once corrected) reads it again
                window.dash_clientside.set_props("data-upload", {contents: null, filename: null});
                var files = list.map(function (c, i) { return [nameList[i] || "upload", c]; });
                return [{files: files, at: Date.now()}, {names: nameList, reading: true}];
            },
            // Cancel: the job is stopped (Dash ends it); the report says so instead of
            // "reading" for ever
            cancelled: function (clicks, result) {
                if (!clicks || !result || !result.reading) {
                    return window.dash_clientside.no_update;
                }
                return {names: result.names, cancelled: true};
            },
            explore: function (clicks, result) {
                if (!clicks || !result || !result.key || !KEY.test(result.key)) {
                    return window.dash_clientside.no_update;
                }
                if (!storage()) { return window.dash_clientside.no_update; }
                storage().setItem(STORAGE, result.key);
                reload(true);
                return window.dash_clientside.no_update;
            },
            leave: function (clicks) {
                if (!clicks) { return window.dash_clientside.no_update; }
                if (storage()) { storage().removeItem(STORAGE); }
                reload(true);
                return window.dash_clientside.no_update;
            }
        }
    });
}());
