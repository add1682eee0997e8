"""The demo council: a fictional district council's papers and their ground truth.

`councilsearch generate OUT` (generate.generate) writes them; `councilsearch demo` also
indexes and serves them. Modules: names (invented people and places), council (members,
portfolios by municipal year, committees, calendar), prose (what reports say), papers
(reports, agendas, minutes, decision notices, appendices as PaperSpecs), render_pdf and
render_other (PDF via pdfwriter; DOCX, HTML, Markdown), generate (planning, writing, truth).
"""
