"""Deferred packages: load a few submodules without their packages' ``__init__``.

``from nltk.tokenize.punkt import PunktSentenceTokenizer`` first runs ``nltk/__init__``,
which imports most of NLTK (its collocations, SciPy's statistics, scikit-learn's
classifiers); scikit-learn imports all of ``scipy.stats`` for helpers our path never
calls; ``sklearn.cluster`` brings every clustering method to reach one.

:func:`defer_packages` puts such packages in ``sys.modules`` uninitialised and names the
modules that may load without them (and whatever those import). For everyone else a
deferred package behaves as usual: its ``__init__`` runs, in the module object itself,
the moment anything imports another of its submodules or asks it for any name, so the
package's own import order is kept. Only the command line uses this.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

__all__ = ["defer_packages"]

_LOCK = threading.RLock()
#: How deep this thread is inside the import of a module allowed to load lightly.
_light = threading.local()


def _inside_light_import() -> bool:
    return bool(getattr(_light, "depth", 0))


class _DeferredPackage(ModuleType):
    """A package whose ``__init__`` has not run yet."""

    def __getattr__(self, name: str) -> Any:
        if _inside_light_import() and _is_submodule(self, name):
            # `from nltk import pathsec` inside nltk.tokenize.punkt: that module alone.
            return importlib.import_module(f"{self.__name__}.{name}")
        _initialise(self)
        return ModuleType.__getattribute__(self, name)


def _is_submodule(package: ModuleType, name: str) -> bool:
    path = ModuleType.__getattribute__(package, "__path__")
    full = f"{ModuleType.__getattribute__(package, '__name__')}.{name}"
    return importlib.machinery.PathFinder.find_spec(full, path) is not None


def _initialise(package: ModuleType) -> None:
    """Run the package's ``__init__`` in the module object itself (once), after the
    packages above it."""
    with _LOCK:
        if not isinstance(package, _DeferredPackage):
            return
        parent = sys.modules.get(package.__name__.rpartition(".")[0])
        if isinstance(parent, _DeferredPackage):
            _initialise(parent)
        module: ModuleType = package
        module.__class__ = ModuleType  # from now on an ordinary module
        spec = module.__spec__
        assert spec is not None and spec.loader is not None
        try:
            spec.loader.exec_module(module)
        except BaseException:
            module.__class__ = _DeferredPackage
            raise


class _LightLoader(importlib.abc.Loader):
    """Executes a module allowed to load lightly, marking the thread while it does."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        _light.depth = getattr(_light, "depth", 0) + 1
        try:
            self.loader.exec_module(module)
        finally:
            _light.depth -= 1
            module.__loader__ = self.loader
            if module.__spec__ is not None:
                module.__spec__.loader = self.loader


class _Loaded(importlib.abc.Loader):
    """Hands back a module that initialising its package has just imported."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__ = self.spec  # the import system put ours in its place


class _Finder(importlib.abc.MetaPathFinder):
    """Lets the named modules load lightly; before any other submodule of a deferred
    package is imported, runs that package's ``__init__``, as Python would have."""

    def __init__(self, light: frozenset[str]) -> None:
        self.light = light

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        parents = [fullname[:i] for i, ch in enumerate(fullname) if ch == "."]
        deferred = [p for p in parents if isinstance(sys.modules.get(p), _DeferredPackage)]
        if not deferred:
            return None
        if fullname in self.light or _inside_light_import():
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None and fullname in self.light:
                spec.loader = _LightLoader(spec.loader)
            return spec
        _initialise(sys.modules[deferred[-1]])
        if fullname in sys.modules:
            return importlib.util.spec_from_loader(fullname, _Loaded(sys.modules[fullname]))
        return None


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


def defer_packages(packages: Sequence[str], *, light: Sequence[str]) -> None:
    """Put each of ``packages`` (parents before children) in ``sys.modules`` with its
    ``__init__`` deferred, and let the modules in ``light`` (and what they import) load
    without it. A package already imported is left alone; a parent package that is not
    imported yet is not imported here either.
    """
    with _LOCK:
        if not any(isinstance(f, _Finder) for f in sys.meta_path):
            sys.meta_path.insert(0, _Finder(frozenset(light)))
        for name in packages:
            if name not in sys.modules:
                _defer(name)
