// Operators' analytics charts (Apache ECharts, in the page's language). The figures come from the same JSON the API
// serves; each chart sits beside a server-rendered table with the exact numbers, so nothing depends on this.
(function () {
  "use strict";
  var root = document.getElementById("analytics");
  if (!root || typeof echarts === "undefined") return;

  // the page sends the translations of the words the charts show (empty in Chinese, the source language)
  var words = JSON.parse(root.dataset.labels || "{}");
  var tr = function (w) { return Object.prototype.hasOwnProperty.call(words, w) ? words[w] : w; };
  var LOCALE = document.documentElement.lang === "en" ? "EN" : "ZH";
  var PALETTE = ["#c4531a", "#2f7a3e", "#3a6ea5", "#b3261e", "#8a5a9e", "#d99a2b", "#5a8f8f"];
  var pct = function (v) { return v === null || v === undefined ? null : Math.round(v * 1000) / 10; };

  function base(extra) {
    var opt = {
      color: PALETTE,
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 44, right: 44, top: 36, bottom: 28, containLabel: true },
    };
    for (var k in extra) opt[k] = extra[k];
    return opt;
  }

  function cat(labels) { return { type: "category", data: labels, axisLabel: { hideOverlap: true } }; }

  var builders = {
    health: function (a) {
      var h = a.health;
      return base({
        xAxis: cat(h.labels),
        yAxis: [{ type: "value", name: tr("条") }, { type: "value", name: tr("比值"), splitLine: { show: false } }],
        series: [
          { name: tr("说说"), type: "bar", data: h.posts },
          { name: tr("评论"), type: "bar", data: h.comments },
          { name: tr("回复"), type: "bar", data: h.replies },
          { name: tr("活跃成员"), type: "line", data: h.active },
          { name: tr("评论/说说"), type: "line", yAxisIndex: 1, data: h.comments_per_post },
        ],
      });
    },
    quality: function (a) {
      var h = a.health;
      return base({
        xAxis: cat(h.labels),
        yAxis: [{ type: "value", name: "%", max: 100 }, { type: "value", name: tr("分"), max: 100, splitLine: { show: false } }],
        series: [
          { name: tr("走心"), type: "bar", stack: "q", data: h.warm_share.map(pct) },
          { name: tr("普通"), type: "bar", stack: "q", data: h.normal_share.map(pct) },
          { name: tr("低质"), type: "bar", stack: "q", data: h.low_share.map(pct) },
          { name: tr("质量分中位数"), type: "line", yAxisIndex: 1, data: h.median_score },
        ],
      });
    },
    hooks: function (a) {
      var rows = a.hooks.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return tr(r.label); })),
        yAxis: { type: "value", name: "%" },
        series: [
          { name: tr("留言率"), type: "bar", data: rows.map(function (r) { return pct(r.comment_rate); }) },
          { name: tr("走心留言率"), type: "bar", data: rows.map(function (r) { return pct(r.warm_rate); }) },
        ],
      });
    },
    suggestions: function (a) {
      var t = a.suggestions.total;
      var rows = a.suggestions.by_emotion;
      return base({
        tooltip: { trigger: "item", renderMode: "richText" },
        xAxis: cat(rows.map(function (r) { return tr(r.label); })),
        yAxis: { type: "value", name: tr("平均质量") },
        grid: { left: "45%", right: 20, top: 36, bottom: 28, containLabel: true },
        series: [
          {
            name: tr("建议的去向"), type: "pie", radius: ["25%", "50%"], center: ["20%", "55%"],
            label: { formatter: "{b}\n{c}" },
            data: [
              { name: tr("直接使用"), value: t.used },
              { name: tr("修改后使用"), value: t.edited },
              { name: tr("忽略"), value: t.ignored },
            ],
          },
          { name: tr("用建议"), type: "bar", data: rows.map(function (r) { return r.with_mean; }) },
          { name: tr("不用建议"), type: "bar", data: rows.map(function (r) { return r.without_mean; }) },
        ],
      });
    },
    barrier: function (a) {
      var s = a.barrier.series, names = a.barrier.labels;
      var keys = Object.keys(names);
      return base({
        xAxis: cat(s.labels),
        yAxis: { type: "value" },
        series: keys.map(function (k) { return { name: tr(names[k]), type: "bar", stack: "b", data: s[k] }; }),
      });
    },
    circles: function (a) {
      var rows = a.circles.rows.slice(0, 12);
      return base({
        xAxis: cat(rows.map(function (r) { return r.name; })),
        yAxis: [{ type: "value", name: tr("条") }, { type: "value", name: "%", max: 100, splitLine: { show: false } }],
        series: [
          { name: tr("说说"), type: "bar", data: rows.map(function (r) { return r.posts; }) },
          { name: tr("评论"), type: "bar", data: rows.map(function (r) { return r.comments; }) },
          { name: tr("走心占比"), type: "line", yAxisIndex: 1, data: rows.map(function (r) { return pct(r.warm_share); }) },
        ],
      });
    },
    scenes: function (a) {
      var rows = a.scenes.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return tr(r.label); })),
        yAxis: { type: "value" },
        series: [
          { name: tr("展示"), type: "bar", data: rows.map(function (r) { return r.shown; }) },
          { name: tr("开启对话"), type: "bar", data: rows.map(function (r) { return r.acted; }) },
        ],
      });
    },
    themes: function (a) {
      var rows = a.themes.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return "#" + r.hashtag; })),
        yAxis: { type: "value" },
        series: [
          { name: tr("说说"), type: "bar", data: rows.map(function (r) { return r.posts; }) },
          { name: tr("参与人次（按天）"), type: "bar", data: rows.map(function (r) { return r.author_days; }) },
        ],
      });
    },
  };

  function hasData(option) {
    return option.series.some(function (s) {
      return (s.data || []).some(function (v) {
        var x = v && typeof v === "object" ? v.value : v;
        return x !== null && x !== undefined && x !== 0;
      });
    });
  }

  function draw(data) {
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.dataset.chart];
      if (!build) return;
      var option = build(data);
      if (!hasData(option)) {
        el.classList.add("chart-empty");
        el.dataset.rendered = "empty";
        el.setAttribute("hidden", "");
        return;
      }
      var chart = echarts.init(el, null, { locale: LOCALE, renderer: "canvas" });
      chart.setOption(option);
      charts.push(chart);
      el.dataset.rendered = "1";
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    root.dataset.state = "ready";
  }

  fetch(root.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (resp) {
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      return resp.json();
    })
    .then(draw)
    .catch(function () { root.dataset.state = "error"; });
})();
