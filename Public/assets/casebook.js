/* casebook data format 1 */
/* Casebook: the print button on case pages and the facet filter on the list of all cases.
   Everything here is an extra: without JavaScript every page and every case stays reachable. */
(function () {
  'use strict';

  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  var form = document.getElementById('facet-filter');
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('#case-list .filter-item'));
  var groups = Array.prototype.map.call(form.querySelectorAll('fieldset[data-facet]'), function (fieldset) {
    return { key: fieldset.getAttribute('data-facet'), boxes: Array.prototype.slice.call(fieldset.querySelectorAll('input[type=checkbox]')) };
  });
  // Each case's facet values, one set per group.
  var values = items.map(function (item) {
    var sets = {};
    groups.forEach(function (group) {
      sets[group.key] = new Set((item.getAttribute('data-' + group.key) || '').split(' ').filter(Boolean));
    });
    return sets;
  });
  var status = document.getElementById('filter-status');
  var empty = document.getElementById('filter-empty');

  function selection() {
    var chosen = {};
    groups.forEach(function (group) {
      chosen[group.key] = group.boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    return chosen;
  }

  // OR within a group, AND across groups; `except` leaves one group out, for that group's counts.
  function matches(sets, chosen, except) {
    return groups.every(function (group) {
      var wanted = chosen[group.key];
      return group.key === except || wanted.length === 0 || wanted.some(function (value) { return sets[group.key].has(value); });
    });
  }

  function fragment(chosen) {
    return groups.filter(function (group) { return chosen[group.key].length > 0; }).map(function (group) {
      return group.key + '=' + chosen[group.key].map(encodeURIComponent).join(',');
    }).join('&');
  }

  function update(remember) {
    var chosen = selection();
    var shown = 0;
    items.forEach(function (item, index) {
      var visible = matches(values[index], chosen, null);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.boxes.forEach(function (box) {
        var count = 0;
        values.forEach(function (sets) { if (sets[group.key].has(box.value) && matches(sets, chosen, group.key)) count += 1; });
        box.parentNode.querySelector('.count').textContent = count;
        box.parentNode.classList.toggle('none', count === 0 && !box.checked);
      });
    });
    status.textContent = form.getAttribute('data-showing').replace('{n}', shown).replace('{total}', items.length);
    empty.hidden = shown > 0;
    if (remember) {
      var hash = fragment(chosen);
      var address = location.href.split('#')[0] + (hash ? '#' + hash : '');
      try { history.replaceState(null, '', address); } catch (error) { location.hash = hash; }
    }
  }

  function restore() {
    var chosen = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var cut = part.indexOf('=');
      if (cut > 0) chosen[part.slice(0, cut)] = part.slice(cut + 1).split(',').map(decodeURIComponent);
    });
    groups.forEach(function (group) {
      var wanted = chosen[group.key] || [];
      group.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    });
  }

  form.hidden = false;
  form.addEventListener('change', function () { update(true); });
  document.getElementById('facet-clear').addEventListener('click', function () {
    groups.forEach(function (group) { group.boxes.forEach(function (box) { box.checked = false; }); });
    update(true);
  });
  window.addEventListener('hashchange', function () { restore(); update(false); });
  restore();
  update(false);
})();
