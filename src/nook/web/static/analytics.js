// Operators' analytics charts (Apache ECharts, zh locale). The figures come from the same JSON the API
// serves; each chart sits beside a server-rendered table with the exact numbers, so nothing depends on this.
(function () {
  "use strict";
  var root = document.getElementById("analytics");
  if (!root || typeof echarts === "undefined") return;

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
        yAxis: [{ type: "value", name: "条" }, { type: "value", name: "比值", splitLine: { show: false } }],
        series: [
          { name: "说说", type: "bar", data: h.posts },
          { name: "评论", type: "bar", data: h.comments },
          { name: "回复", type: "bar", data: h.replies },
          { name: "活跃成员", type: "line", data: h.active },
          { name: "评论/说说", type: "line", yAxisIndex: 1, data: h.comments_per_post },
        ],
      });
    },
    quality: function (a) {
      var h = a.health;
      return base({
        xAxis: cat(h.labels),
        yAxis: [{ type: "value", name: "%", max: 100 }, { type: "value", name: "分", max: 100, splitLine: { show: false } }],
        series: [
          { name: "走心", type: "bar", stack: "q", data: h.warm_share.map(pct) },
          { name: "普通", type: "bar", stack: "q", data: h.normal_share.map(pct) },
          { name: "低质", type: "bar", stack: "q", data: h.low_share.map(pct) },
          { name: "质量分中位数", type: "line", yAxisIndex: 1, data: h.median_score },
        ],
      });
    },
    hooks: function (a) {
      var rows = a.hooks.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return r.label; })),
        yAxis: { type: "value", name: "%" },
        series: [
          { name: "留言率", type: "bar", data: rows.map(function (r) { return pct(r.comment_rate); }) },
          { name: "走心留言率", type: "bar", data: rows.map(function (r) { return pct(r.warm_rate); }) },
        ],
      });
    },
    suggestions: function (a) {
      var t = a.suggestions.total;
      var rows = a.suggestions.by_emotion;
      return base({
        tooltip: { trigger: "item", renderMode: "richText" },
        xAxis: cat(rows.map(function (r) { return r.label; })),
        yAxis: { type: "value", name: "平均质量" },
        grid: { left: "45%", right: 20, top: 36, bottom: 28, containLabel: true },
        series: [
          {
            name: "建议的去向", type: "pie", radius: ["25%", "50%"], center: ["20%", "55%"],
            label: { formatter: "{b}\n{c}" },
            data: [
              { name: "直接使用", value: t.used },
              { name: "修改后使用", value: t.edited },
              { name: "忽略", value: t.ignored },
            ],
          },
          { name: "用建议", type: "bar", data: rows.map(function (r) { return r.with_mean; }) },
          { name: "不用建议", type: "bar", data: rows.map(function (r) { return r.without_mean; }) },
        ],
      });
    },
    barrier: function (a) {
      var s = a.barrier.series, names = a.barrier.labels;
      var keys = Object.keys(names);
      return base({
        xAxis: cat(s.labels),
        yAxis: { type: "value" },
        series: keys.map(function (k) { return { name: names[k], type: "bar", stack: "b", data: s[k] }; }),
      });
    },
    circles: function (a) {
      var rows = a.circles.rows.slice(0, 12);
      return base({
        xAxis: cat(rows.map(function (r) { return r.name; })),
        yAxis: [{ type: "value", name: "条" }, { type: "value", name: "%", max: 100, splitLine: { show: false } }],
        series: [
          { name: "说说", type: "bar", data: rows.map(function (r) { return r.posts; }) },
          { name: "评论", type: "bar", data: rows.map(function (r) { return r.comments; }) },
          { name: "走心占比", type: "line", yAxisIndex: 1, data: rows.map(function (r) { return pct(r.warm_share); }) },
        ],
      });
    },
    scenes: function (a) {
      var rows = a.scenes.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return r.label; })),
        yAxis: { type: "value" },
        series: [
          { name: "展示", type: "bar", data: rows.map(function (r) { return r.shown; }) },
          { name: "开启对话", type: "bar", data: rows.map(function (r) { return r.acted; }) },
        ],
      });
    },
    themes: function (a) {
      var rows = a.themes.rows;
      return base({
        xAxis: cat(rows.map(function (r) { return "#" + r.hashtag; })),
        yAxis: { type: "value" },
        series: [
          { name: "说说", type: "bar", data: rows.map(function (r) { return r.posts; }) },
          { name: "参与人次（按天）", type: "bar", data: rows.map(function (r) { return r.author_days; }) },
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
      var chart = echarts.init(el, null, { locale: "ZH", renderer: "canvas" });
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
