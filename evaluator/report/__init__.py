"""PDF reports: templates, fonts and charts, rendered by WeasyPrint with nothing fetched from outside.

`Renderer` (render.py) is the entry point for every document; `render_handbook` (handbook.py) builds the
rubric handbook. Importing this package loads WeasyPrint (about half a second): commands import it lazily.
"""

from evaluator.report.render import Renderer

__all__ = ["Renderer"]
