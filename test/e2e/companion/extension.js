// Test-only companion: what an agent does, without a language model. It reads the calls from
// <workspace>/.e2e-agent/calls.json, invokes each tool with vscode.lm.invokeTool (outside a chat,
// so VS Code confirms each through a dialog the test answers), and writes what came back.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

function describePart(part) {
  if (part instanceof vscode.LanguageModelTextPart) return { text: part.value };
  return { other: part && part.constructor ? part.constructor.name : typeof part };
}

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('geekaiE2E.invokeTools', async () => {
      const dir = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, '.e2e-agent');
      const calls = JSON.parse(fs.readFileSync(path.join(dir, 'calls.json'), 'utf8'));
      const tools = vscode.lm.tools
        .filter((t) => t.name.startsWith('geekai_'))
        .map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
      const results = [];
      for (const call of calls) {
        try {
          const result = await vscode.lm.invokeTool(call.name, { input: call.input, toolInvocationToken: undefined });
          results.push({ name: call.name, parts: result.content.map(describePart) });
        } catch (e) {
          results.push({ name: call.name, error: String((e && e.message) || e) });
        }
      }
      fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ tools, results }, null, 2));
    }),
  );
};
