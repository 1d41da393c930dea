#!/usr/bin/env node
/**
 * Writes the demo 空白申请表, backend/local/seed/application-form-template.docx: a one-page
 * Word document titled 入会申请表 with a table of the form's fields, a 申请人签字 / 日期 line
 * and a note that it is a demo the society replaces in 入会设置. The .docx is committed; run
 * this only to change its wording.
 *
 * A .docx is a zip of XML parts. No zip writer is a dependency, so the zip is put together
 * here from Node's own deflate and CRC-32 (zlib.crc32, Node 20.15 and later). The entries carry
 * a fixed date, so running it twice writes the same bytes.
 *
 * Run: node scripts/make-application-template.mjs   (overwrites the file)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'backend', 'local', 'seed', 'application-form-template.docx');

/** The fields of the online form, in its order, so the paper and the screen agree. */
const FIELDS = [
  '会员类型',
  '姓名',
  '性别',
  '出生日期',
  '手机号',
  '身份证号',
  '工作单位',
  '科室/部门',
  '职称',
  '职务',
  '学历',
  '专业特长',
  '通讯地址',
  '电子邮箱',
];
const NOTE =
  '说明：本表为系统自带的演示模板，' +
  '学会可在管理后台「入会设置」中上传本会正式的空白申请表替换它。' +
  '申请人填写并签字后，拍照或扫描为 PDF，在入会申请页面上传。';

// Word measures in twentieths of a point (twips): A4 is 11906 × 16838, 1 cm is 567.
const PAGE = { width: 11906, height: 16838, margin: 1440 };
const LABEL_WIDTH = 2268;
const VALUE_WIDTH = PAGE.width - 2 * PAGE.margin - LABEL_WIDTH;
const ROW_HEIGHT = 567;

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A paragraph of one run; `size` in half-points as Word counts font sizes. */
function paragraph(text, { bold = false, size = 24, center = false, spaceAfter = 120 } = {}) {
  const align = center ? '<w:jc w:val="center"/>' : '';
  // The schema's order: spacing before jc (Word refuses a document with them swapped).
  const pPr = `<w:pPr><w:spacing w:after="${spaceAfter}"/>${align}</w:pPr>`;
  const weight = bold ? '<w:b/>' : '';
  const rPr = `<w:rPr>${weight}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  const run = text ? `<w:r>${rPr}<w:t xml:space="preserve">${text}</w:t></w:r>` : '';
  return `<w:p>${pPr}${run}</w:p>`;
}

function cell(width, content) {
  const tcPr = `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`;
  return `<w:tc>${tcPr}${content}</w:tc>`;
}

/** One row per field: the label, then a blank cell to write in. */
function fieldTable() {
  const border = (side) => `<w:${side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('');
  const rows = FIELDS.map(
    (label) =>
      `<w:tr><w:trPr><w:trHeight w:val="${ROW_HEIGHT}" w:hRule="atLeast"/></w:trPr>` +
      cell(LABEL_WIDTH, paragraph(label, { bold: true, center: true, spaceAfter: 0 })) +
      cell(VALUE_WIDTH, paragraph('', { spaceAfter: 0 })) +
      '</w:tr>',
  );
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${LABEL_WIDTH + VALUE_WIDTH}" w:type="dxa"/>` +
    `<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid><w:gridCol w:w="${LABEL_WIDTH}"/><w:gridCol w:w="${VALUE_WIDTH}"/></w:tblGrid>` +
    rows.join('') +
    '</w:tbl>'
  );
}

const documentXml =
  `${XML_HEAD}<w:document xmlns:w="${W_NS}"><w:body>` +
  paragraph('入会申请表', { bold: true, size: 36, center: true, spaceAfter: 360 }) +
  fieldTable() +
  paragraph('', { spaceAfter: 240 }) +
  paragraph('申请人签字：____________________        日期：________年____月____日', {
    spaceAfter: 480,
  }) +
  paragraph(NOTE, { size: 20 }) +
  `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
  `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" ` +
  `w:left="${PAGE.margin}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>` +
  '</w:body></w:document>';

// A Chinese font for the whole document, so no viewer falls back to one without the glyphs.
const stylesXml =
  `${XML_HEAD}<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体" w:cs="SimSun"/>' +
  '<w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>' +
  '</w:rPr></w:rPrDefault></w:docDefaults></w:styles>';

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
const WORD_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

const PARTS = [
  [
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="${RELS_TYPE}"/>` +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${WORD_TYPE}.document.main+xml"/>` +
      `<Override PartName="/word/styles.xml" ContentType="${WORD_TYPE}.styles+xml"/>` +
      '</Types>',
  ],
  [
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${REL_NS}">` +
      `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
      '</Relationships>',
  ],
  [
    'word/_rels/document.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${REL_NS}">` +
      `<Relationship Id="rId1" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  ],
  ['word/document.xml', documentXml],
  ['word/styles.xml', stylesXml],
];

/** 1980-01-01 00:00 in MS-DOS format: a fixed date keeps the output reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DEFLATE = 8;
const VERSION = 20;

/** A zip of deflated entries: local headers and data, then the central directory. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const raw = Buffer.from(text, 'utf8');
    const packed = zlib.deflateRawSync(raw, { level: 9 });
    const crc = zlib.crc32(raw);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by
    central.writeUInt16LE(VERSION, 6); // needed
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // Extra and comment lengths, disk number, attributes: all zero (offsets 30-41).
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + packed.length;
  }

  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in all
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const bytes = zip(PARTS);
fs.mkdirSync(path.dirname(TARGET), { recursive: true });
fs.writeFileSync(TARGET, bytes);
console.log(`wrote ${path.relative(ROOT, TARGET)} (${Math.round(bytes.length / 1024)} KB)`);
