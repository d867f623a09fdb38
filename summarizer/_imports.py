"""Deferred packages: a package whose ``__init__`` runs only when something asks it for a
name that is not one of its submodules.

``from nltk.tokenize.punkt import PunktSentenceTokenizer`` first runs ``nltk/__init__``,
which imports most of NLTK; scikit-learn imports all of ``scipy.stats`` for two helper
functions; ``sklearn.cluster`` brings every clustering method to reach one. The command
line puts these packages in ``sys.modules`` deferred (:func:`defer_packages`) before it
imports anything heavy: importing a submodule of a deferred package then loads that
submodule alone, and the package's own ``__init__`` runs the first time anything asks
it for something else (``nltk.word_tokenize``, ``scipy.stats.mode``, ``from nltk import
*``), so later users see the whole package, as usual.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

__all__ = ["defer_packages"]

_LOCK = threading.RLock()


class _DeferredPackage(ModuleType):
    """A package whose ``__init__`` runs on the first attribute it lacks that is not a
    submodule (the import system asks for those while importing them)."""

    def __getattr__(self, name: str) -> Any:
        if _is_submodule(self, name):
            raise AttributeError(name)
        _initialise(self)
        return ModuleType.__getattribute__(self, name)


def _is_submodule(package: ModuleType, name: str) -> bool:
    path = ModuleType.__getattribute__(package, "__path__")
    full = f"{ModuleType.__getattribute__(package, '__name__')}.{name}"
    return importlib.machinery.PathFinder.find_spec(full, path) is not None


def _initialise(package: ModuleType) -> None:
    """Run the package's ``__init__`` in the module object itself (once)."""
    with _LOCK:
        if not isinstance(package, _DeferredPackage):
            return
        module: ModuleType = package
        module.__class__ = ModuleType  # from now on an ordinary module
        spec = module.__spec__
        assert spec is not None and spec.loader is not None
        try:
            spec.loader.exec_module(module)
        except BaseException:
            module.__class__ = _DeferredPackage
            raise


def _defer(name: str) -> None:
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        path = getattr(sys.modules[parent], "__path__", None)
    else:
        # The parent is not imported (and is not imported here: that is the cost being
        # saved); ``parent.child`` then resolves through the parent's module
        # __getattr__, as in SciPy and scikit-learn, which load submodules lazily.
        spec = importlib.util.find_spec(parent) if parent else None
        path = spec.submodule_search_locations if spec else None
    spec = importlib.machinery.PathFinder.find_spec(name, path)
    if spec is None or spec.submodule_search_locations is None or spec.loader is None:
        return  # not installed, or not a package: nothing to defer
    package = importlib.util.module_from_spec(spec)
    package.__class__ = _DeferredPackage
    sys.modules[name] = package
    if parent in sys.modules:
        setattr(sys.modules[parent], child, package)


def defer_packages(*names: str) -> None:
    """Put each package of ``names`` (parents before children) in ``sys.modules`` with
    its ``__init__`` deferred; one already imported is left alone.

    A parent package that is not imported yet is not imported here either.
    """
    with _LOCK:
        for name in names:
            if name not in sys.modules:
                _defer(name)
