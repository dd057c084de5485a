import { soapActionOf, type AsmxMethod, type AsmxService, type Field } from './asmx-contract.js';

/**
 * Writes a service's WSDL the way ASMX generates it (document/literal wrapped, qualified elements,
 * strings optional, value types required), so the bundled copies read like the live `?WSDL`.
 */
function element([name, type]: Field): string {
  const occurs = type === 'string' ? 'minOccurs="0" maxOccurs="1"' : 'minOccurs="1" maxOccurs="1"';
  return `          <s:element ${occurs} name="${name}" type="s:${type}" />`;
}

/** A named complex type: its elements in sequence. */
function complexType(name: string, elements: readonly string[]): string[] {
  return [`      <s:complexType name="${name}">`, '        <s:sequence>', ...elements, '        </s:sequence>', '      </s:complexType>'];
}

function sequence(fields: readonly string[]): string {
  return [
    '        <s:complexType>',
    '          <s:sequence>',
    ...fields.map((f) => `  ${f}`),
    '          </s:sequence>',
    '        </s:complexType>',
  ].join('\n');
}

function methodSchema(method: AsmxMethod): string {
  const requestElements = method.parameter
    ? [`        <s:element minOccurs="0" maxOccurs="1" name="${method.parameter}" type="tns:${method.requestType}" />`]
    : method.request.map(element);
  const parts = [`      <s:element name="${method.name}">`, sequence(requestElements), '      </s:element>'];
  if (method.parameter) {
    parts.push(...complexType(method.requestType, method.request.map(element)));
  }
  parts.push(
    `      <s:element name="${method.name}Response">`,
    sequence([`        <s:element minOccurs="0" maxOccurs="1" name="${method.name}Result" type="tns:${method.resultType}" />`]),
    '      </s:element>',
    ...complexType(method.resultType, method.result.map(element)),
  );
  return parts.join('\n');
}

export function asmxWsdl(service: AsmxService, location: string): string {
  const ns = service.namespace;
  const port = `${service.serviceName}Soap`;
  const methods = Object.values(service.methods);
  const eachMethod = (write: (method: AsmxMethod) => string) => methods.map(write).join('\n');
  const guess = service.namespaceIsGuess
    ? `\n<!-- The namespace of ${service.path}.asmx is not published in the vendor pages we have: ${ns} is a guess. ` +
      'Prefer KOGNITIV_WSDL=remote, or replace this copy with the live ?WSDL. -->'
    : '';
  const definitionsNamespaces = 'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema"';
  return `<?xml version="1.0" encoding="utf-8"?>${guess}
<!-- Bundled copy for ${service.path}.asmx, generated from src/vendors/kognitiv/asmx-contract.ts (npm run wsdl). -->
<wsdl:definitions ${definitionsNamespaces} xmlns:tns="${ns}" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${ns}">
${eachMethod(methodSchema)}
    </s:schema>
  </wsdl:types>
${eachMethod(
  (m) => `  <wsdl:message name="${m.name}SoapIn">
    <wsdl:part name="parameters" element="tns:${m.name}" />
  </wsdl:message>
  <wsdl:message name="${m.name}SoapOut">
    <wsdl:part name="parameters" element="tns:${m.name}Response" />
  </wsdl:message>`,
)}
  <wsdl:portType name="${port}">
${eachMethod(
  (m) => `    <wsdl:operation name="${m.name}">
      <wsdl:input message="tns:${m.name}SoapIn" />
      <wsdl:output message="tns:${m.name}SoapOut" />
    </wsdl:operation>`,
)}
  </wsdl:portType>
  <wsdl:binding name="${port}" type="tns:${port}">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
${eachMethod(
  (m) => `    <wsdl:operation name="${m.name}">
      <soap:operation soapAction="${soapActionOf(service, m)}" style="document" />
      <wsdl:input>
        <soap:body use="literal" />
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal" />
      </wsdl:output>
    </wsdl:operation>`,
)}
  </wsdl:binding>
  <wsdl:service name="${service.serviceName}">
    <wsdl:port name="${port}" binding="tns:${port}">
      <soap:address location="${location}" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

/** The production address the bundled copies carry (the datasource always sets its own endpoint). */
export const KOGNITIV_PRODUCTION_URL = 'https://app.kognitivloyalty.com';
