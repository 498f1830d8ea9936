"""Frozen dataclasses and NamedTuples at a small part of their start-up cost.

`dataclass` and `field` take the arguments of dataclasses' own that artparse uses (frozen=True;
kw_only, eq, repr; a default or a default_factory), and mypy reads them as dataclasses' own (this
module gives it those). A class gets the same behaviour: construction by
keyword (and by position unless kw_only) with the same defaults, __post_init__, equality and
hash over the fields in order, the same repr, FrozenInstanceError on assignment, pickling and
copying; dataclasses.fields(), replace(), asdict() and is_dataclass() work on it, their Field
objects made the first time one of them asks (orjson only looks for __dataclass_fields__).

Why: dataclasses writes each class's methods as source code and compiles it at import (about
a millisecond for the record, and `dataclasses` itself to load); these are the same few
functions for every class, made without compiling anything.

`NamedTuple` is typing.NamedTuple to mypy and makes the same
collections.namedtuple class, minus typing's check of each annotation, which compiles every
annotation string (`from __future__ import annotations`) into a ForwardRef: half the class's
cost. Its __annotations__ keep the strings.
"""

from __future__ import annotations

from collections import namedtuple
from operator import attrgetter

TYPE_CHECKING = False  # not typing's: the one-file path loads this module
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")

_MISSING = object()
_NAMES: dict[type, tuple[str, ...]] = {}
_FACTORIES: dict[type, dict[str, Callable[[], Any]]] = {}
_POST_INITS: dict[type, Callable[[Any], None] | None] = {}
"""Each class's __post_init__ as its __init__ found it (None: none), for build()."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def _field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made anew for each instance."""
    return _Factory(default_factory)


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a class made by `dataclass`, in order."""
    return _NAMES[cls]


def replace(obj: T, /, **changes: Any) -> T:
    """dataclasses.replace(obj, **changes) for a class made here, without loading dataclasses."""
    values = {name: getattr(obj, name) for name in _NAMES[_made_here(type(obj))]}
    values.update(changes)
    return type(obj)(**values)


def build(cls: type[T], fields: dict[str, Any]) -> T:
    """cls(**fields) for a class made by `dataclass`, without the checks of its __init__ when
    `fields` names every field in order (then the dict itself becomes the instance's: the caller
    keeps no hold on it); any other `fields` go through __init__ as they are."""
    if tuple(fields) != _NAMES.get(cls):  # a subclass, or fields missing, extra or out of order
        return cls(**fields)
    made: T = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    post_init = _POST_INITS[cls]  # (a missing attribute's getattr costs an exception each time)
    if post_init is not None:
        post_init(made)
    return made


def _dataclass(
    *, frozen: bool, kw_only: bool = False, eq: bool = True, repr: bool = True
) -> Callable[[type[T]], type[T]]:
    """The class decorator: fields are the class's own annotations, in order (no ClassVar)."""
    if not frozen:
        raise ValueError("only frozen dataclasses are made here")

    def make(cls: type[T]) -> type[T]:
        _complete(cls, kw_only=kw_only, eq=eq, repr=repr)
        return cls

    return make


def _complete(cls: type, *, kw_only: bool, eq: bool, repr: bool) -> None:
    names = tuple(cls.__dict__["__annotations__"])  # noqa: RUF063 -- its own, not inspect's (start-up)
    defaults: dict[str, Any] = {}  # every field in order; the required ones _MISSING
    factories: dict[str, Callable[[], Any]] = {}
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, _Factory):
            factories[name] = default.make
            delattr(cls, name)
        defaults[name] = default
    _NAMES[cls], _FACTORIES[cls] = names, factories
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)
    made: dict[str, object] = {
        "__init__": _init(cls, names, defaults, factories, kw_only=kw_only),
        "__setattr__": _setattr,
        "__delattr__": _delattr,
        "__match_args__": () if kw_only else names,
        "__replace__": replace,
    }
    for attribute in ("__dataclass_fields__", "__dataclass_params__"):
        made[attribute] = _Described(attribute, kw_only=kw_only, eq=eq, repr=repr)
    if repr:
        made["__repr__"] = _repr(names, values)
    if eq:
        made["__eq__"], made["__hash__"] = _eq(values), _hash(values)
    for attribute, value in made.items():
        setattr(cls, attribute, value)


def _init(
    cls: type,
    names: tuple[str, ...],
    defaults: dict[str, Any],
    factories: dict[str, Callable[[], Any]],
    *,
    kw_only: bool,
) -> Callable[..., None]:
    known = frozenset(names)
    required = frozenset(name for name, default in defaults.items() if default is _MISSING)
    post_init = _POST_INITS[cls] = getattr(cls, "__post_init__", None)
    where = f"{cls.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **given: Any) -> None:
        if args:
            _take_positional(where, () if kw_only else names, args, given)
        if not known.issuperset(given):
            unexpected = next(name for name in given if name not in known)
            raise TypeError(f"{where} got an unexpected keyword argument {unexpected!r}")
        if required and not required.issubset(given):
            missing = [name for name in names if name in required and name not in given]
            raise TypeError(f"{where} missing {len(missing)} required argument(s): {', '.join(missing)}")
        state = defaults.copy()
        state.update(given)
        for name, make in factories.items():
            if name not in given:
                state[name] = make()
        object.__setattr__(self, "__dict__", state)
        if post_init is not None:
            self.__post_init__()

    return __init__


def _take_positional(
    where: str, names: tuple[str, ...], args: tuple[Any, ...], given: dict[str, Any]
) -> None:
    if len(args) > len(names):
        raise TypeError(f"{where} takes {len(names) + 1} positional arguments but {len(args) + 1} were given")
    for name, value in zip(names, args, strict=False):
        if name in given:
            raise TypeError(f"{where} got multiple values for argument {name!r}")
        given[name] = value


def _repr(names: tuple[str, ...], values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values(self), strict=True))
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], bool]:
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _made_here(cls: type) -> type:
    """The class `dataclass` made that `cls` is or derives from."""
    return next(base for base in cls.__mro__ if base in _NAMES)


def _setattr(self: Any, name: str, value: Any) -> None:
    made = _made_here(type(self))
    if type(self) is not made and name not in _NAMES[made]:  # a subclass's own attribute
        object.__setattr__(self, name, value)
        return
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    made = _made_here(type(self))
    if type(self) is not made and name not in _NAMES[made]:
        object.__delattr__(self, name)
        return
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot delete field {name!r}")


class _Described:
    """dataclasses' own description of a class (its Field objects, its parameters), taken from
    a twin that dataclasses makes the first time one of them is asked for."""

    def __init__(self, attribute: str, *, kw_only: bool, eq: bool, repr: bool) -> None:
        self.attribute, self.kw_only, self.eq, self.repr = attribute, kw_only, eq, repr

    def __get__(self, instance: object, owner: type) -> Any:
        import dataclasses

        owner = _made_here(owner)  # the fields of a subclass are its base's, as for a dataclass
        factories = _FACTORIES[owner]
        fields = [
            (
                name,
                annotation,
                dataclasses.field(default_factory=factories[name])
                if name in factories
                else dataclasses.field(default=owner.__dict__.get(name, dataclasses.MISSING)),
            )
            for name, annotation in owner.__dict__["__annotations__"].items()  # noqa: RUF063
        ]
        twin = dataclasses.make_dataclass(
            owner.__name__, fields, frozen=True, kw_only=self.kw_only, eq=self.eq, repr=self.repr
        )
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):
            setattr(owner, attribute, getattr(twin, attribute))
        return getattr(owner, self.attribute)


_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
"""What typing.NamedTuple does not copy from a class body onto the named tuple."""


class _NamedTupleMeta(type):
    def __new__(cls, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(cls, typename, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        defaults = [namespace[name] for name in annotations if name in namespace]
        if any(name not in namespace for name in list(annotations)[len(annotations) - len(defaults) :]):
            raise TypeError(f"{typename}: a field without a default follows one with a default")
        made = namedtuple(typename, annotations, defaults=defaults, module=namespace["__module__"])  # type: ignore[misc]
        made.__annotations__ = made.__new__.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key not in _SPECIAL and key not in annotations:
                setattr(made, key, value)
        return made


class _NamedTuple(metaclass=_NamedTupleMeta):
    """A base class as typing.NamedTuple is: `class Point(NamedTuple): x: int`."""


if TYPE_CHECKING:  # what mypy reads the classes made here as
    from dataclasses import dataclass, field
    from typing import NamedTuple
else:
    dataclass, field, NamedTuple = _dataclass, _field, _NamedTuple

__all__ = ["NamedTuple", "build", "dataclass", "field", "field_names", "replace"]
