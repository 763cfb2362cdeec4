// The peer page's entry: loads the benchmark's annotations into Recogito's text
// annotator over the article in #article, and tags a selection with a key (C, Q, A or
// 1, 2, 3) as Newsmark does. `?renderer=CSS_HIGHLIGHTS` (default) or `?renderer=SPANS`
// picks the annotator's renderer.
//
// The page tells the benchmark what it has drawn through window.peer (read by
// bench/run.mjs) and a `peer:redraw` event after each of the annotator's redraws.
'use strict';

(function () {
  const renderer = new URLSearchParams(location.search).get('renderer') || 'CSS_HIGHLIGHTS';
  const LOOKS = {
    claim: { fill: '#ffe27a', fillOpacity: 0.85 },
    quote: { fill: '#1d4ed8', fillOpacity: 0.12, underlineColor: '#1d4ed8', underlineThickness: 2 },
    actor: { fill: '#a0169c', fillOpacity: 0.12, underlineColor: '#a0169c', underlineThickness: 2, underlineStyle: 'dotted' },
  };
  const tagOf = (a) => a.bodies.find((b) => b.purpose === 'tagging')?.value;
  const container = document.getElementById('article');
  const anno = RecogitoJS.createTextAnnotator(container, {
    renderer,
    // Selecting text only selects; a key press tags it (below), as in Newsmark.
    annotatingEnabled: false,
    style: (a) => LOOKS[tagOf(a)] ?? LOOKS.claim,
  });
  const peer = (window.peer = { renderer, loaded: 0, redraws: 0, anno });
  anno.renderer.on('onRedraw', () => {
    peer.redraws += 1;
    dispatchEvent(new Event('peer:redraw'));
  });

  /** Whether the annotation with this id is drawn now (it must be in the viewport). */
  peer.painted = (id) =>
    renderer === 'CSS_HIGHLIGHTS'
      ? CSS.highlights.has(`_${id}`)
      : !!container.querySelector(`.r6o-annotation[data-annotation="${CSS.escape(id)}"]`);
  peer.drawnCount = () =>
    renderer === 'CSS_HIGHLIGHTS' ? CSS.highlights.size : new Set([...container.querySelectorAll('.r6o-annotation')].map((s) => s.dataset.annotation)).size;

  fetch('annotations.json')
    .then((r) => r.json())
    .then((list) => {
      peer.redrawsAtLoad = peer.redraws;
      anno.setAnnotations(list);
      peer.loaded = anno.getAnnotations().length;
      dispatchEvent(new Event('peer:loaded'));
    });

  const TAGS = { c: 'claim', q: 'quote', a: 'actor', 1: 'claim', 2: 'quote', 3: 'actor' };
  let next = 0;
  document.addEventListener('keydown', (e) => {
    const tag = TAGS[e.key.toLowerCase()];
    const sel = document.getSelection();
    if (!tag || e.ctrlKey || e.metaKey || e.altKey || !sel || sel.isCollapsed || !container.contains(sel.anchorNode)) return;
    e.preventDefault();
    const range = sel.getRangeAt(0).cloneRange();
    // Offsets as the annotator counts them: UTF-16 units of the text before the range.
    const before = document.createRange();
    before.setStart(container, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const quote = range.toString();
    const id = `new-${++next}`;
    anno.addAnnotation({
      id,
      bodies: [{ id: `${id}-tag`, annotation: id, purpose: 'tagging', value: tag }],
      target: { annotation: id, selector: [{ quote, start, end: start + quote.length, range }] },
    });
    sel.removeAllRanges();
    peer.lastAdded = id;
  });
})();
