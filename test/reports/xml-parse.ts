/**
 * A strict XML 1.0 well-formedness check for the JUnit tests, on saxes (a
 * non-validating parser that rejects characters XML 1.0 forbids), plus a
 * tiny element tree to assert on.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses `xml`; throws with saxes' message (line:column) when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const errors: string[] = [];
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.on('error', (error) => errors.push(error.message));
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.write(xml).close();
  if (errors.length > 0) throw new Error(`not well-formed XML: ${errors.join('; ')}`);
  if (root.children.length !== 1) throw new Error(`expected one root element, got ${root.children.length}`);
  return root.children[0]!;
}

/** Every descendant element named `name`, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendants(child, name)]);
}
