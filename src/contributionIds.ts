// The ids VS Code knows the extension's contributions by, each written once. package.json's
// `contributes.commands` lists exactly COMMANDS and every registration, command link, code action,
// CodeLens and status bar item names its command through this map (test/unit/manifest.test.ts
// compares them and refuses a `'geekaiImage.…'` command literal anywhere else in src). No imports:
// the entry point reads it at activation.

/** Every contributed command, by its name after `geekaiImage.`. */
export const COMMANDS = {
  setApiKey: 'geekaiImage.setApiKey',
  clearApiKey: 'geekaiImage.clearApiKey',
  checkApiKey: 'geekaiImage.checkApiKey',
  setBalanceKey: 'geekaiImage.setBalanceKey',
  showBalance: 'geekaiImage.showBalance',
  checkConnection: 'geekaiImage.checkConnection',
  generate: 'geekaiImage.generate',
  editImage: 'geekaiImage.editImage',
  selectModel: 'geekaiImage.selectModel',
  openStudio: 'geekaiImage.openStudio',
  addToStudio: 'geekaiImage.addToStudio',
  copyMcpConfig: 'geekaiImage.copyMcpConfig',
  showJobs: 'geekaiImage.showJobs',
  reusePrompt: 'geekaiImage.reusePrompt',
  regenerate: 'geekaiImage.regenerate',
  writeAltText: 'geekaiImage.writeAltText',
  editLinkedImage: 'geekaiImage.editLinkedImage',
  regenerateLinkedImage: 'geekaiImage.regenerateLinkedImage',
  linkedImageVariations: 'geekaiImage.linkedImageVariations',
  openLinkedImageInStudio: 'geekaiImage.openLinkedImageInStudio',
  generateAllImages: 'geekaiImage.generateAllImages',
  generatePlaceholder: 'geekaiImage.generatePlaceholder',
  openExample: 'geekaiImage.openExample',
  refreshImages: 'geekaiImage.refreshImages',
  searchImages: 'geekaiImage.searchImages',
  filterImages: 'geekaiImage.filterImages',
  clearImageFilter: 'geekaiImage.clearImageFilter',
  groupImagesByFolder: 'geekaiImage.groupImagesByFolder',
  groupImagesByDocument: 'geekaiImage.groupImagesByDocument',
  revealImage: 'geekaiImage.revealImage',
  renameImage: 'geekaiImage.renameImage',
  moveImages: 'geekaiImage.moveImages',
  deleteUnusedImages: 'geekaiImage.deleteUnusedImages',
  generateMissingImage: 'geekaiImage.generateMissingImage',
  findMissingImage: 'geekaiImage.findMissingImage',
  makeWebReady: 'geekaiImage.makeWebReady',
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName];

/** The Image Studio's webview panel type (`onWebviewPanel:` activation, the serializer, the panel). */
export const STUDIO_VIEW_TYPE = 'geekaiImage.studio';

/** The Images view in the Explorer (`contributes.views`). */
export const IMAGES_VIEW_ID = 'geekaiImage.images';

/** The context keys the Images view's title buttons depend on. */
export const IMAGES_VIEW_CONTEXT = {
  filtered: 'geekaiImage.imagesFiltered',
  byDocument: 'geekaiImage.imagesByDocument',
} as const;

/** `contributes.mcpServerDefinitionProviders[].id`. */
export const MCP_PROVIDER_ID = 'geekaiImage.mcpServers';
