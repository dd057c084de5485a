import { randomUUID } from 'node:crypto';
import type { Client } from 'soap';
import { createSoapClient } from '../soap-client.js';
import type { DebitsuccessSettings } from '../../config.js';
import { classifySoapFailure } from '../soap-failure.js';
import { buildOnVendorHttp, type VendorHttp } from '../vendor-http.js';
import { soapCall, VendorReturnCodeError, VendorTransportError, type VendorNote } from '../vendor-error.js';
import type { VendorTransportOptions } from '../vendor-transport-options.js';
import { decodeObject, decodeWireValue, type AnswerSource } from '../wire-values.js';
import { encodeSoapArguments } from '../xml-text.js';

/** The Debitsuccess settings the message service uses (`src/config.ts` declares them and their defaults), and how to reach it. */
export type DebitsuccessMessagesOptions = Pick<
  DebitsuccessSettings,
  'soapUrl' | 'soapAction' | 'username' | 'password' | 'userId' | 'requestInitiator' | 'timeoutMs'
> &
  VendorTransportOptions;

export type DebitsuccessPhoneType = 'Home' | 'Mobile' | 'Work' | 'Emergency';

export interface UpdateClientPhoneNumberInput {
  externalAccountReferenceNo?: string;
  accountReferenceNo?: string;
  phoneNumberType: DebitsuccessPhoneType;
  countryCode?: string;
  stdCode?: string;
  number: string;
  name?: string;
  preferred?: boolean;
}

export interface UpdateClientPhoneNumberResult {
  status: 'Succeed';
  messageId: string | null;
  /** As Debitsuccess wrote it (node-soap's Date conversion would drop the offset). */
  dateCreated: string | null;
  notes: VendorNote[];
}

const OPERATION = 'UpdateClientPhoneNumber';
const ANSWER: AnswerSource = { vendor: 'DEBITSUCCESS', operation: OPERATION };
const WSDL = new URL('./wsdl/DebitsuccessMessages.wsdl', import.meta.url).pathname;

/** Leaves out members we have no value for: WCF reads an absent member as its default. */
function present<T extends Record<string, unknown>>(members: T): Partial<T> {
  return Object.fromEntries(Object.entries(members).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `ResponseNotes` (once) holds any number of `ResponseNote`s, each with one `Code`, `Note` and `NoteType` (the WSDL). */
function notesFrom(value: unknown): VendorNote[] {
  const list = decodeObject(ANSWER, 'ResponseNotes', value)?.ResponseNote;
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.map((item: unknown) => {
    const note = decodeObject(ANSWER, 'ResponseNote', item) ?? {};
    const type = decodeWireValue(ANSWER, 'NoteType', 'string', note.NoteType);
    return {
      code: decodeWireValue(ANSWER, 'Code', 'string', note.Code) ?? '',
      note: decodeWireValue(ANSWER, 'Note', 'string', note.Note) ?? '',
      type: type === 'Error' || type === 'Warning' || type === 'Info' ? type : 'Error',
    };
  });
}

/**
 * Debitsuccess's WCF message service over SOAP 1.1. Members are sent in DataContractSerializer order
 * (the WSDL's sequences); WCF silently drops a member out of order, so the order is the contract.
 */
export class DebitsuccessMessages {
  private constructor(
    private readonly options: DebitsuccessMessagesOptions,
    private readonly client: Client,
    private readonly transport: VendorHttp,
  ) {}

  static async create(options: DebitsuccessMessagesOptions): Promise<DebitsuccessMessages> {
    return buildOnVendorHttp(options, async (transport) => {
      const client = await createSoapClient(WSDL, options.soapUrl, transport, {
        // Keep xs:dateTime as the vendor's text: node-soap would turn it into a Date and lose the offset.
        customDeserializer: { dateTime: (text: string) => text },
      });
      client.setSOAPAction(options.soapAction);
      return new DebitsuccessMessages(options, client, transport);
    });
  }

  close(): void {
    this.transport.close();
  }

  async updateClientPhoneNumber(input: UpdateClientPhoneNumberInput): Promise<UpdateClientPhoneNumberResult> {
    const request = present({
      DateCreated: new Date().toISOString(),
      Id: randomUUID(),
      RequestInitiator: this.options.requestInitiator,
      User: present({ Id: this.options.userId, Password: this.options.password, Username: this.options.username }),
      AccountReferenceNo: input.accountReferenceNo,
      ExternalAccountReferenceNo: input.externalAccountReferenceNo,
      PhoneNumber: present({
        CountryCode: input.countryCode,
        Name: input.name,
        Number: input.number,
        PhoneNumberType: input.phoneNumberType,
        Preferred: input.preferred,
        STDCode: input.stdCode,
      }),
    });

    let response: unknown;
    try {
      [response] = await this.client.UpdateClientPhoneNumberAsync(
        { request: encodeSoapArguments(request) },
        { timeout: this.options.timeoutMs },
      );
    } catch (error) {
      throw classifySoapFailure('DEBITSUCCESS', OPERATION, error);
    }

    // Every value is read by the contract (wire-values.ts) before any is used.
    const result = decodeObject(
      ANSWER,
      'UpdateClientPhoneNumberResult',
      (response as Record<string, unknown> | null)?.UpdateClientPhoneNumberResult,
    );
    const status = decodeWireValue(ANSWER, 'Status', 'string', result?.Status);
    const messageId = decodeWireValue(ANSWER, 'Id', 'string', result?.Id);
    const dateCreated = decodeWireValue(ANSWER, 'DateCreated', 'string', result?.DateCreated);
    if (!result || (status !== 'Succeed' && status !== 'Failed' && status !== 'Unknown')) {
      throw new VendorTransportError(
        soapCall('DEBITSUCCESS', OPERATION),
        'MALFORMED_RESPONSE',
        true,
        `no UpdateClientPhoneNumberResult/Status (${String(status)})`,
      );
    }
    const notes = notesFrom(result.ResponseNotes);
    if (status !== 'Succeed') {
      const firstError = notes.find((n) => n.type === 'Error' && n.code !== '');
      throw new VendorReturnCodeError(soapCall('DEBITSUCCESS', OPERATION), firstError?.code, { notes, status });
    }
    return {
      status,
      messageId,
      dateCreated,
      notes,
    };
  }
}
