"""Limits a report template runs under: a typo or a hostile template cannot hang a run.

Every template is rendered in the sandbox with bounded work: its output, the steps of
its loops, the strings and lists its operators and filters build, its nesting of macro
calls. A template given with ``--template`` is moreover rendered in a child process
with a memory ceiling and a time limit (POSIX), so that nothing it does, however
unforeseen, takes more than those from the machine. A breach is a :class:`Breach`,
which the renderer reports as E310 naming the template.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import signal
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes, pass_eval_context
from jinja2.filters import do_batch, do_center, do_format, do_indent, do_join, do_replace, do_slice
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from baocao.core.vietnamese import format_number
from baocao.errors import BaocaoError, InputError, OutputError, TemplateError
from baocao.messages import Say
from baocao.stopping import release_in_child, signals_held

__all__ = [
    "MAX_ELEMENTS",
    "MAX_OUTPUT_CHARS",
    "MAX_STEPS",
    "MAX_TEXT",
    "RENDER_SECONDS",
    "Breach",
    "GuardedSandbox",
    "run_limited",
]

MAX_OUTPUT_CHARS = 256 * 1024 * 1024
"""Longest rendered part (characters of XML). The national report's body is 20 million."""
MAX_TEXT = 32 * 1024 * 1024
"""Longest string or list one operation of a template may build (characters, items)."""
MAX_STEPS = 1_000_000
"""Steps of one rendering (a loop's turn is one, a call ten): the national report (3,300
units) takes 69,000."""
CALL_STEPS = 10
"""Steps a call counts for: a macro or a recursive loop calls itself with no for to count.
The packaged template makes no call."""
MAX_ELEMENTS = 10_000_000
"""XML tags of the rendered body: the national report has 1.6 million."""
RENDER_SECONDS = 60.0
"""Longest rendering of a template given with --template: the national report takes 4 s."""
MAX_POWER = 1000
"""Largest exponent of "**": 2 ** 100000000 would spin for minutes."""


class Breach(Exception):
    """A template went past one of the limits; ``detail`` says which, in both languages."""

    def __init__(self, detail: Say) -> None:
        super().__init__(detail[1])
        self.detail = detail


def too_long(what: Say, size: int, limit: int) -> Breach:
    """A :class:`Breach` saying "<what> <size>, at most <limit>"."""
    return Breach(
        Say(
            f"{what[0]} {format_number(size)}, tối đa {format_number(limit)}",
            f"{what[1]} {size:,}, at most {limit:,}",
        )
    )


_TEXT = Say("độ dài chuỗi hoặc danh sách", "length of a string or list")
_WIDTH = Say("độ rộng", "width")
_OUTPUT = Say("số ký tự tạo ra", "characters of output")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _checked(value: Any) -> Any:
    size = _size(value)
    if size > MAX_TEXT:
        raise too_long(_TEXT, size, MAX_TEXT)
    return value


def _check_width(width: Any, what: Say = _WIDTH) -> None:
    if isinstance(width, int) and width > MAX_TEXT:
        raise too_long(what, width, MAX_TEXT)


_PRINTF_NUMBERS = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d+))?")


def _check_format_spec(text: str) -> None:
    """Widths and precisions of "%" and str.format specs stay below MAX_TEXT."""
    for match in _PRINTF_NUMBERS.finditer(text):
        for number in match.groups():
            if number and (len(number) > 9 or int(number) > MAX_TEXT):
                raise too_long(_WIDTH, int(number[:12]), MAX_TEXT)
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format says what is wrong
    for _literal, _name, spec, _conversion in fields:
        for number in re.findall(r"\d+", spec or ""):
            if len(number) > 9 or int(number) > MAX_TEXT:
                raise too_long(_WIDTH, int(number[:12]), MAX_TEXT)


# --- bounded filters and globals --------------------------------------------------------


def _center(value: str, width: int = 80) -> str:
    _check_width(width)
    return do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width if isinstance(width, int) else len(width))
    indented: str = _checked(do_indent(s, width, first, blank))
    return indented


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_format_spec(str(value))
    formatted: str = _checked(do_format(value, *args, **kwargs))
    return formatted


@pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text = str(s)
    times = text.count(str(old)) if old else len(text) + 1
    if count is not None and count >= 0:
        times = min(times, count)
    expected = len(text) + times * len(str(new))
    if expected > MAX_TEXT:
        raise too_long(_TEXT, expected, MAX_TEXT)
    return do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(itertools.islice(value, MAX_TEXT + 1))
    size = len(items) * len(str(d)) + sum(len(str(item)) for item in items)
    if size > MAX_TEXT:
        raise too_long(_TEXT, size, MAX_TEXT)
    joined: str = do_join(eval_ctx, items, d, attribute)
    return joined


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _check_width(linecount, Say("kích thước nhóm", "batch size"))
    return do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _check_width(slices, Say("số nhóm", "number of slices"))
    sliced: Iterator[list[Any]] = do_slice(value, slices, fill_with)
    return sliced


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    for number in (n, min, max):
        if isinstance(number, int) and number > 1000:
            raise too_long(
                Say("số đoạn, số từ văn mẫu", "placeholder paragraphs or words"), number, 1000
            )
    return generate_lorem_ipsum(n, html, min, max)


_STR_WIDTHS = {"center", "ljust", "rjust", "zfill"}


def _check_method(
    owner: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse, before it runs, a str or list method call that would build too much.

    Returns the arguments to call it with (an iterable given to ``join`` is read once,
    here, into a list).
    """
    if isinstance(owner, str):
        if name in _STR_WIDTHS and args:
            _check_width(args[0])
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int):
                _check_width(len(owner) + owner.count("\t") * size, _TEXT)
        elif name == "replace" and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            times = owner.count(old) if old else len(owner) + 1
            _check_width(len(owner) + times * len(new), _TEXT)
        elif name in ("format", "format_map"):
            _check_format_spec(owner)
        elif name == "join" and args:
            items = list(itertools.islice(args[0], MAX_TEXT + 1))
            _check_width(len(items) * len(owner) + sum(_size(i) for i in items), _TEXT)
            return (items, *args[1:])
        elif name == "translate":
            raise Breach(Say("chuyển mã ký tự (translate)", "translate"))
    elif isinstance(owner, list) and name == "extend" and args:
        _check_width(len(owner) + _size(args[0]), _TEXT)
    return args


# --- the template's code, with its loops and joins counted ------------------------------


def _counted(iterable: nodes.Node) -> nodes.Expr:
    return nodes.Filter(iterable, "baocao_steps", [], [], None, None, lineno=iterable.lineno)


class _Counted(NodeTransformer):
    """Every ``for`` iterates through the step counter; every ``~`` is size-checked."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _counted(node.iter)
        if node.recursive:  # each loop(…) of its body iterates again
            for call in node.find_all(nodes.Call):
                if isinstance(call.node, nodes.Name) and call.node.name == "loop" and call.args:
                    call.args[0] = _counted(call.args[0])
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, "baocao_text", [], [], None, None, lineno=node.lineno)


class GuardedSandbox(SandboxedEnvironment):
    """The sandbox, with every kind of work a template can ask for bounded.

    ``deadline`` (a :func:`time.monotonic` value, or None) ends a rendering that is
    still going; it is checked as loops step and output grows.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, deadline: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.steps = 0
        self._check_at = 1024
        self.filters.update(
            center=_center,
            indent=_indent,
            format=_format,
            replace=_replace,
            join=_join,
            batch=_batch,
            slice=_slice,
            baocao_steps=self._steps,
            baocao_text=_checked,
        )
        self.globals["lipsum"] = _lipsum

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        counted: nodes.Template = _Counted().visit(tree)
        return counted

    def tick(self) -> None:
        """Raise :class:`Breach` when the rendering has run past its deadline."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise Breach(
                Say(
                    f"chạy quá {format_number(RENDER_SECONDS)} giây",
                    f"ran longer than {RENDER_SECONDS:g} seconds",
                )
            )

    def step(self, weight: int = 1) -> None:
        """Count ``weight`` steps of work (a loop's turn is one); Breach past MAX_STEPS."""
        self.steps += weight
        if self.steps >= self._check_at:
            self._check_at = self.steps + 1024
            if self.steps > MAX_STEPS:
                limit = format_number(MAX_STEPS)
                raise Breach(
                    Say(
                        f"hơn {limit} bước: vòng lặp, lời gọi macro",
                        f"more than {MAX_STEPS:,} steps: loop turns, macro calls",
                    )
                )
            self.tick()

    def _steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def concat(self, pieces: Iterable[str]) -> str:
        """The rendered text, joined in batches: stopped when it grows past the limit."""
        iterator = iter(pieces)
        parts: list[str] = []
        size = 0
        while batch := list(itertools.islice(iterator, 4096)):
            size += sum(map(len, batch))
            if size > MAX_OUTPUT_CHARS:
                raise too_long(_OUTPUT, size, MAX_OUTPUT_CHARS)
            parts.extend(batch)
            self.tick()
        return "".join(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise Breach(
                Say(f"lũy thừa quá lớn (số mũ {right})", f"power too large (exponent {right})")
            )
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sequence = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sequence and len(seq) * times > MAX_TEXT:
                    raise Breach(
                        Say(f"lặp một chuỗi {times} lần", f"repeating a sequence {times} times")
                    )
        if operator == "%" and isinstance(left, str):
            _check_format_spec(left)
        return _checked(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # The sandbox hands "…".format out as its own safe formatter: check its widths.
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and isinstance(getattr(value, "__self__", None), str):
            _check_format_spec(value.__self__)
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # A call (a macro, a recursive loop's next level) costs about ten loop turns.
        __self.step(CALL_STEPS)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | list):  # a method of the text or list itself
            args = _check_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
            return _checked(super().call(__context, __obj, *args, **kwargs))
        return super().call(__context, __obj, *args, **kwargs)


# --- a user's template, rendered in a child process -------------------------------------

MEMORY_BYTES = 2 * 1024 * 1024 * 1024
"""Memory a rendering may add to what the program holds: the national report takes ~0.5 GB."""
_GRACE_SECONDS = 10.0
"""Beyond the deadline the sandbox checks itself, before the child process is killed."""

_TIME = Say(
    f"chạy quá {format_number(RENDER_SECONDS)} giây", f"ran longer than {RENDER_SECONDS:g} seconds"
)
_MEMORY = Say("dùng quá nhiều bộ nhớ", "used too much memory")


def _limit_memory() -> None:
    """Cap this process's address space at what it holds now plus MEMORY_BYTES (Linux)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as stream:
            held = int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = held + MEMORY_BYTES
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no resource limits here: the time limit still holds


def _child(conn: Any, work: Callable[[], bytes]) -> None:
    """The child's whole life: limits, the work, one message back; never a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_in_child()
    try:
        _limit_memory()
        message: tuple[str, Any] = ("done", work())
    except BaocaoError as error:
        message = ("problems", (type(error).__name__, error.problems))
    except MemoryError:
        message = ("memory", None)
    except BaseException as exc:  # reported by the parent as an internal error
        message = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(message)
    except (MemoryError, OSError, ValueError):
        pass  # the parent sees no answer and says so
    finally:
        conn.close()


def run_limited(work: Callable[[], bytes], name: str) -> bytes:
    """``work()``'s bytes, computed in a child process under the memory and time limits.

    A breach is a :class:`~baocao.errors.TemplateError` (E310) naming ``name``; errors
    the work raises come back as they were. Where processes cannot be forked (Windows)
    the work runs here, bounded by the sandbox alone.
    """
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return work()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, work), daemon=True)
    with signals_held():  # a signal now would be lost in the fork's own handlers
        process.start()
    send.close()
    try:
        if not receive.poll(RENDER_SECONDS + _GRACE_SECONDS):
            raise TemplateError.one("E310", file=name, detail=_TIME)
        try:
            kind, payload = receive.recv()
        except (EOFError, OSError, MemoryError):  # killed by its limits before it could say
            raise TemplateError.one("E310", file=name, detail=_MEMORY) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if kind == "done":
        result: bytes = payload
        return result
    if kind == "problems":
        error_type, problems = payload
        raise _ERRORS.get(error_type, TemplateError)(problems)
    if kind == "memory":
        raise TemplateError.one("E310", file=name, detail=_MEMORY)
    raise RuntimeError(payload)  # an internal fault, reported as such


_ERRORS: dict[str, type[BaocaoError]] = {
    "TemplateError": TemplateError,
    "OutputError": OutputError,
    "InputError": InputError,
}
