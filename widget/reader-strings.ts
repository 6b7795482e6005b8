/** The words of editing and of a reader's data: English, built into widget-reader.js (a language file overrides them). */
export const readerEn = {
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Delete',
  confirmRemove: 'Delete this comment? This cannot be undone.',
  editFailed: 'It could not be changed: {why}',
  dataTitle: 'See, download or delete what this blog keeps about you: we email a link to the address you commented with.',
  dataEmail: 'Your email',
  dataSend: 'Email me the link',
  dataSent: 'If this blog has anything for this address, a link is on its way to it.',
}

export type ReaderStrings = typeof readerEn
