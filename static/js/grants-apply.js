// The budget step: add lines without a round trip, and follow the totals as you type.
// A convenience only: the server computes the totals again on every save (grants.amounts).
(function () {
  "use strict";
  var form = document.getElementById("budget-form");
  if (!form) return;
  var eligible = (form.dataset.eligible || "").split(",").filter(Boolean);
  var rate = parseFloat(form.dataset.rate);
  var max = parseFloat(form.dataset.max);
  var lang = document.documentElement.lang || "fr";
  var money = new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" });

  function amount(input) {
    if (!input) return 0;
    var text = input.value.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    var value = parseFloat(text);
    return isFinite(value) && value > 0 ? value : 0;
  }

  function cents(value) {
    return Math.floor(value * 100 + 1e-6) / 100;
  }

  function recompute() {
    var cost = 0, vat = 0, eligibleTotal = 0;
    form.querySelectorAll("[data-budget-line]").forEach(function (line) {
      var remove = line.querySelector("input[name$='-DELETE']");
      if (remove && remove.checked) return;
      var a = amount(line.querySelector("[data-budget='amount']"));
      var v = amount(line.querySelector("[data-budget='vat']"));
      var recoverable = line.querySelector("[data-budget='recoverable']");
      var category = line.querySelector("[data-budget='category']");
      cost += a;
      vat += v;
      if (category && eligible.indexOf(category.value) !== -1) {
        eligibleTotal += a + (recoverable && recoverable.checked ? 0 : v);
      }
    });
    var most = Math.min(cents((eligibleTotal * rate) / 100), max);
    var out = { cost: cost, vat: vat, eligible: eligibleTotal, max: most };
    Object.keys(out).forEach(function (key) {
      var cell = form.querySelector("[data-total='" + key + "']");
      if (cell) cell.textContent = money.format(out[key]);
    });
  }

  var add = form.querySelector("[data-budget-add]");
  var template = document.getElementById("budget-empty-line");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");
  if (add && template && total) {
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var line = holder.firstElementChild;
      form.querySelector("[data-budget-lines]").appendChild(line);
      total.value = String(index + 1);
      var first = line.querySelector("select, input");
      if (first) first.focus();
    });
  }

  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
})();
