"""The Figure every plot returns: matplotlib's, plus the PNG that Jupyter shows.

Imported only when a plot is drawn (it imports matplotlib). matplotlib's own
:class:`~matplotlib.figure.Figure` has no rich display of its own: Jupyter draws
one only once pyplot's inline backend has registered a formatter for it, so a
figure made without pyplot (as every pathchoice plot is, to leave pyplot's global
state and the script's windows alone) showed as ``<Figure size ...>``. This
subclass adds ``_repr_png_``, the IPython display hook, and nothing else: in a
script nothing changes, and where the inline backend is active its formatter is
used instead, so a figure is never shown twice.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["ResultFigure", "png_bytes"]


def png_bytes(fig: Figure, dpi: float) -> bytes:
    """The figure as PNG bytes, cropped to its content."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


class ResultFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that Jupyter shows as a PNG when it is returned."""

    def _repr_png_(self) -> bytes:
        return png_bytes(self, dpi=100)
