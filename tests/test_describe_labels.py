"""ungraph.describe_labels: the labels a DESCRIBE adds, and a query worker's cache of them."""

from __future__ import annotations

import pyoxigraph as ox

from ungraph.describe_labels import LabelCache
from ungraph.sparql import Job, run_job


def test_a_label_cache_gives_the_same_describes_and_stays_within_its_size() -> None:
    """``LabelCache`` (one per query worker, issue 14): every DESCRIBE of the sample graph is byte for byte
    what it is without the cache, the second time too, and the cache never holds more than its size."""
    from tests.web.sample_graph import BASE, sample_store
    from ungraph.namespaces import Namespaces

    store = sample_store()
    prefixes = tuple(sorted(Namespaces(BASE).prefixes.items()))
    subjects = sorted({q.subject for q in store if isinstance(q.subject, ox.NamedNode)}, key=str)
    cache = LabelCache(size=7)
    sizes = []
    for _ in range(2):
        for s in subjects:
            job = Job(f"DESCRIBE {s}", graph_format="ttl", describe=True, prefixes=prefixes)
            assert run_job(store, job, cache).body == run_job(store, job).body, s
            sizes.append(len(cache.known))
    assert max(sizes) <= 7 and any(sizes)
