"""PDF reports: templates, fonts and charts, rendered by WeasyPrint with nothing fetched from outside.

`render.Renderer` renders every document; `rubric_handbook.render_handbook` builds the rubric handbook;
`charts` draws SVG charts and `rule_words` puts scoring rules in words. Nothing is imported here, so that
charts and texts can be used without loading WeasyPrint (about half a second).
"""
