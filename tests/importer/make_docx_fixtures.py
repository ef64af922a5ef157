#!/usr/bin/env python3
"""Builds the .docx fixtures of tests/importer once (they are committed; rerun to regenerate).

seed003.docx: seed 003's preamble and table as Word writes them: paragraphs, one w:tbl whose
section rows are one cell spanning the table (w:gridSpan), a row of column numbers, and runs of
equal deadlines in a section merged vertically (w:vMerge), as an author would merge them.
broken_no_document.docx: a zip without word/document.xml.  broken_bad_xml.docx: document.xml
that is not well-formed.  Usage: make_docx_fixtures.py SEED003.txt OUTDIR
"""
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')


def para(text):
    if not text:
        return '<w:p/>'
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def cell(text, span=1, vmerge=None):
    pr = ''
    if span > 1 or vmerge:
        pr = '<w:tcPr>'
        if span > 1:
            pr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == 'restart':
            pr += '<w:vMerge w:val="restart"/>'
        elif vmerge == 'continue':
            pr += '<w:vMerge/>'
        pr += '</w:tcPr>'
    body = ''.join(para(line) for line in text.split('\n')) if text else '<w:p/>'
    return f'<w:tc>{pr}{body}</w:tc>'


def build_seed003(seed_path):
    lines = open(seed_path, encoding='utf-8').read().split('\n')
    first_row = next(i for i, l in enumerate(lines) if l.startswith('№'))
    body = [para(l.strip()) for l in lines[:first_row]]
    rows = []
    seen_numbers_row = False
    for l in lines[first_row:]:
        if not l.strip():
            continue
        cells = l.split('\t')
        if cells[0] == '1' and cells[1:] == ['2', '3', '4', '5']:
            if seen_numbers_row:
                continue  # Word repeats header rows itself; the document keeps one
            seen_numbers_row = True
        rows.append(cells)
    width = 5
    xml_rows = []
    # Vertical merges: consecutive item rows of a section with the same deadline.
    deadline_col = 2
    for i, cells in enumerate(rows):
        section = len([c for c in cells if c.strip()]) == 1 and cells[0] and not cells[0][0].isdigit()
        if section:
            xml_rows.append('<w:tr>' + cell(cells[0], span=width) + '</w:tr>')
            continue
        out = []
        for k, text in enumerate(cells[:width]):
            vm = None
            if k == deadline_col and i > 0 and cells[0][:1].isdigit() and not rows[i - 1][0] == '1':
                prev = rows[i - 1]
                nxt = rows[i + 1] if i + 1 < len(rows) else None
                if prev[0][:1].isdigit() and prev[deadline_col] == text and len(prev) >= width:
                    vm = 'continue'
                elif nxt and nxt[0][:1].isdigit() and nxt[deadline_col] == text:
                    vm = 'restart'
            out.append(cell('' if vm == 'continue' else text, vmerge=vm))
        xml_rows.append('<w:tr>' + ''.join(out) + '</w:tr>')
    grid = '<w:tblGrid>' + '<w:gridCol w:w="2000"/>' * width + '</w:tblGrid>'
    table = f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{grid}{"".join(xml_rows)}</w:tbl>'
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
           + ''.join(body) + table + para('') + '<w:sectPr/></w:body></w:document>')
    return doc


def write_zip(path, files):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


def main():
    seed, out = sys.argv[1], sys.argv[2]
    common = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS}
    write_zip(f'{out}/seed003.docx', {**common, 'word/document.xml': build_seed003(seed)})
    write_zip(f'{out}/broken_no_document.docx', common)
    write_zip(f'{out}/broken_bad_xml.docx',
              {**common, 'word/document.xml': f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>План</w:body>'})


if __name__ == '__main__':
    main()
