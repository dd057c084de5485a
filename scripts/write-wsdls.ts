import { writeFileSync } from 'node:fs';
import { KOGNITIV_SERVICES, wsdlFileOf } from '../src/vendors/kognitiv/asmx-contract.js';
import { asmxWsdl, KOGNITIV_PRODUCTION_URL } from '../src/vendors/kognitiv/asmx-wsdl.js';

/** `npm run wsdl`: regenerates the bundled Kognitiv WSDLs in src/ from the contract table. */
for (const service of Object.values(KOGNITIV_SERVICES)) {
  const file = new URL(`../../src/vendors/kognitiv/wsdl/${wsdlFileOf(service)}`, import.meta.url);
  writeFileSync(file, asmxWsdl(service, `${KOGNITIV_PRODUCTION_URL}/${service.path}.asmx`));
  console.log(`wrote ${file.pathname}`);
}
