/* Redes, browser side: saving the picture Cytoscape drew (the clientside callback
 * composePicture; savePicture draws the caption block around it and downloads a PNG).
 */
(function () {
    "use strict";
    var GRAPH = window.redesShared.GRAPH;

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
            // no link for data no link can open (an upload not published): c.more says so
            var link = c.link ? window.location.origin + window.location.pathname + c.link : "";
            [c.credit, link ? c.more + " " + link : c.more].forEach(function (text) {
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

    var dc = window.dash_clientside = window.dash_clientside || {};
    dc.redes = Object.assign(dc.redes || {}, {
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
        }
    });
})();
