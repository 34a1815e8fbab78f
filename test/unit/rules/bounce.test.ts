import { describe, expect, it } from 'vitest';
import { classifyText, parseBounce, parseDsn, type BounceInfo } from '../../../src/shared/rules/bounce.ts';

const VERP = 'bounces+Zm9vYmFyYmF6cXV4MTIzNDU2@tacit.test';

// The original copy, returned inside the bounce. Its words must never be
// read as the bounce's own: they say "mailbox full" and "452 4.2.2".
const ORIGINAL = `Return-Path: <${VERP}>
From: "Alice via ICC" <icc@tacit.test>
To: someone@example.com
Subject: [icc] Venue for the 2025 assembly
Message-ID: <c-17.m-99@tacit.test>

Please reply with A, B or C. My mailbox is full of replies already:
452 4.2.2 is what I got last time.
`;

const postfixUserUnknown = `Return-Path: <>
Received: by mail.example.net (Postfix)
	id 4F1C2C0123; Mon,  2 Jun 2025 09:20:11 +0000 (UTC)
Date: Mon,  2 Jun 2025 09:20:11 +0000 (UTC)
From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${VERP}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4F1C2C0123.1748856011/mail.example.net"
Message-Id: <20250602092011.4F1C2C0123@mail.example.net>

This is a MIME-encapsulated message.

--4F1C2C0123.1748856011/mail.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<bob@example.com>: host mx1.example.com[192.0.2.25] said: 550 5.1.1
    <bob@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4F1C2C0123.1748856011/mail.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.net
X-Postfix-Queue-ID: 4F1C2C0123
X-Postfix-Sender: rfc822; ${VERP}
Arrival-Date: Mon,  2 Jun 2025 09:20:10 +0000 (UTC)

Final-Recipient: rfc822; bob@example.com
Original-Recipient: rfc822;bob@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx1.example.com
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:
    User unknown in virtual mailbox table

--4F1C2C0123.1748856011/mail.example.net
Content-Description: Undelivered Message
Content-Type: message/rfc822

${ORIGINAL}
--4F1C2C0123.1748856011/mail.example.net--
`;

const postfixMailboxFull = postfixUserUnknown
  .replaceAll('bob@example.com', 'carol@example.com')
  .replace(
    /<carol@example.com>: host[\s\S]*?command\)/,
    '<carol@example.com>: host mx1.example.com[192.0.2.25] said: 552 5.2.2\n    <carol@example.com>: Mailbox full (in reply to RCPT TO command)',
  )
  .replace('Status: 5.1.1', 'Status: 5.2.2')
  .replace(
    /Diagnostic-Code: smtp; 550[\s\S]*?mailbox table\n/,
    'Diagnostic-Code: smtp; 552 5.2.2 <carol@example.com>: Mailbox full\n',
  );

const postfixDelayed = `Return-Path: <>
From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: ${VERP}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="A11B2.1748870000/mail.example.net"

--A11B2.1748870000/mail.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.net.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<dave@slow.example>: connect to mx.slow.example[198.51.100.9]:25: Connection
    timed out

--A11B2.1748870000/mail.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.net
Arrival-Date: Mon,  2 Jun 2025 05:20:10 +0000 (UTC)

Final-Recipient: rfc822; dave@slow.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.slow.example[198.51.100.9]:25:
    Connection timed out
Will-Retry-Until: Sat,  7 Jun 2025 05:20:10 +0000 (UTC)

--A11B2.1748870000/mail.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <${VERP}>
Subject: [icc] Venue for the 2025 assembly

--A11B2.1748870000/mail.example.net--
`;

const gmailDsn = `Delivered-To: ${VERP}
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${VERP}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: dana.nobody@gmail.com
Message-ID: <6650a1b2.050a0220.1c2d3.e4f5.GMR@mx.google.com>
Date: Mon, 02 Jun 2025 02:20:13 -0700 (PDT)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3"; report-type=delivery-status

--000000000000a1b2c3
Content-Type: multipart/related; boundary="000000000000d4e5f6"

--000000000000d4e5f6
Content-Type: multipart/alternative; boundary="000000000000a7b8c9"

--000000000000a7b8c9
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to dana.nobody@gmail.com because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response was:

The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser

--000000000000a7b8c9
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2><p>Your message wasn't delivered to <b>dana.nobody@gmail.com</b> because the address couldn't be found.</p></body></html>

--000000000000a7b8c9--
--000000000000d4e5f6--
--000000000000a1b2c3
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; mail-sor-f41.google.com
Arrival-Date: Mon, 02 Jun 2025 02:20:12 -0700 (PDT)
X-Original-Message-ID: <c-17.m-99@tacit.test>

Final-Recipient: rfc822; dana.nobody@gmail.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; gmail-smtp-in.l.google.com. (142.250.27.26, the server for the domain gmail.com.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
 550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1si2 - gsmtp
Last-Attempt-Date: Mon, 02 Jun 2025 02:20:13 -0700 (PDT)

--000000000000a1b2c3
Content-Type: message/rfc822

${ORIGINAL}
--000000000000a1b2c3--
`;

const gmailLegacyText = `Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${VERP}
Subject: Delivery Status Notification (Failure)
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     erin@example.com

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.3].

The error that the other server returned was:
550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550 5.1.1 unnecessary spaces. https://support.google.com/mail/answer/6596 x1si.163 - gsmtp

----- Original message -----

${ORIGINAL}`;

const exchangeText = `From: postmaster@contoso.example
To: ${VERP}
Subject: Undeliverable: [icc] Venue for the 2025 assembly
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

Frank Miller (frank@contoso.example)
The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.

Diagnostic information for administrators:

Generating server: EX01.contoso.example

frank@contoso.example
#550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup ##

Original message headers:

Received: from mail.tacit.test (192.0.2.1) by EX01.contoso.example
Subject: [icc] Venue for the 2025 assembly
`;

const office365Full = `From: Microsoft Outlook <postmaster@fabrikam.onmicrosoft.com>
To: ${VERP}
Subject: Undeliverable: [icc] Venue for the 2025 assembly
Content-Type: text/plain; charset="utf-8"

Your message to grace@fabrikam.example couldn't be delivered.

grace's mailbox is full.

Action Required
Ask grace to clear some space, then resend.

Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'

Original Message Headers

Subject: [icc] Venue for the 2025 assembly
`;

const eximHard = `Return-path: <>
From: Mail Delivery System <Mailer-Daemon@mail.example.org>
To: ${VERP}
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: heidi@example.org
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  heidi@example.org
    host mx.example.org [192.0.2.7]
    SMTP error from remote mail server after RCPT TO:<heidi@example.org>:
    550 5.1.1 <heidi@example.org>: Recipient address rejected: User unknown

------ This is a copy of the message, including all the headers. ------

${ORIGINAL}`;

const eximDelayWarning = `From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: ${VERP}
Subject: Warning: message 1uL2kd-0003Xy-1a delayed 24 hours
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail.example.net.

The message identifier is:     1uL2kd-0003Xy-1a
The subject of the message is: [icc] Venue for the 2025 assembly

The address to which the message has not yet been delivered is:

  ivan@example.org
    host mx.example.org [192.0.2.7]: 451 4.7.1 Greylisted, please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered.
`;

const qmail = `From: MAILER-DAEMON@mail.example.org
To: ${VERP}
Subject: failure notice

Hi. This is the qmail-send program at mail.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<judy@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

${ORIGINAL}`;

const dsnSeveralRecipients = `From: MAILER-DAEMON@relay.example.net
Subject: Delivery Status Notification
Content-Type: multipart/report; report-type=delivery-status; boundary="XX"

--XX
Content-Type: text/plain

Some deliveries failed.

--XX
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Final-Recipient: rfc822; mallory@example.org
Action: delayed
Status: 4.2.0

Final-Recipient: rfc822; niaj@example.org
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp; 550 5.7.1 Message rejected due to local policy

--XX--
`;

const dsnDelivered = `From: MAILER-DAEMON@relay.example.net
Subject: Successful Mail Delivery Report
Content-Type: multipart/report; report-type=delivery-status; boundary="YY"

--YY
Content-Type: text/plain

Your message was successfully delivered to the destination(s) listed below.

--YY
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Final-Recipient: rfc822; olivia@example.org
Action: relayed
Status: 2.0.0
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 12345

--YY--
`;

const dsnNoStatus = `From: MAILER-DAEMON@old.example.net
Subject: Returned mail
Content-Type: multipart/report; report-type=delivery-status; boundary="ZZ"

--ZZ
Content-Type: text/plain

Delivery failed.

--ZZ
Content-Type: message/delivery-status

Reporting-MTA: dns; old.example.net

Final-Recipient: RFC822; <peggy@example.org>
Action: failed
Diagnostic-Code: smtp; 550 Requested action not taken: mailbox unavailable

--ZZ--
`;

// Some MTAs write the DSN fields into a plain text body.
const dsnInline = `From: MAILER-DAEMON@tiny.example
Subject: Undelivered Mail Returned to Sender
Content-Type: text/plain

Reporting-MTA: dns; tiny.example

Final-Recipient: rfc822; quentin@example.org
Action: failed
Status: 5.1.2
Diagnostic-Code: smtp; 550 5.1.2 Host unknown
`;

const ordinary = `From: Alice <alice@example.org>
To: reply+Q2x1c3RlcjEyMzQ1Njc4OTA@tacit.test
Subject: Re: [icc] Venue

B please.
`;

describe('parseBounce', () => {
  it.each<[string, string | Buffer, BounceInfo]>([
    [
      'Postfix DSN, user unknown',
      postfixUserUnknown,
      {
        kind: 'hard',
        recipient: 'bob@example.com',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    ],
    [
      'Postfix DSN, mailbox full (5.2.2 is soft)',
      postfixMailboxFull,
      { kind: 'soft', recipient: 'carol@example.com', status: '5.2.2', diagnostic: '552 5.2.2 <carol@example.com>: Mailbox full' },
    ],
    [
      'Postfix delay warning',
      postfixDelayed,
      {
        kind: 'soft',
        recipient: 'dave@slow.example',
        status: '4.4.1',
        diagnostic: 'connect to mx.slow.example[198.51.100.9]:25: Connection timed out',
      },
    ],
    [
      'Gmail DSN',
      gmailDsn,
      {
        kind: 'hard',
        recipient: 'dana.nobody@gmail.com',
        status: '5.1.1',
        diagnostic:
          "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1si2 - gsmtp",
      },
    ],
    [
      'Gmail legacy plain text',
      gmailLegacyText,
      {
        kind: 'hard',
        recipient: 'erin@example.com',
        status: '5.1.1',
        diagnostic:
          "The error that the other server returned was: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 unnecessary spaces. https://support.google.com/mail/answer/6596 x1si.163 - gsmtp",
      },
    ],
    [
      'Exchange NDR text',
      exchangeText,
      {
        kind: 'hard',
        recipient: 'frank@contoso.example',
        status: '5.1.10',
        diagnostic: 'frank@contoso.example #550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup ##',
      },
    ],
    [
      'Office 365 mailbox full',
      office365Full,
      {
        kind: 'soft',
        recipient: 'grace@fabrikam.example',
        status: '5.2.2',
        diagnostic:
          "Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'",
      },
    ],
    [
      'Exim permanent error (original copy not read)',
      eximHard,
      {
        kind: 'hard',
        recipient: 'heidi@example.org',
        status: '5.1.1',
        diagnostic:
          'heidi@example.org host mx.example.org [192.0.2.7] SMTP error from remote mail server after RCPT TO:<heidi@example.org>: 550 5.1.1 <heidi@example.org>: Recipient address rejected: User unknown',
      },
    ],
    [
      'Exim delay warning',
      eximDelayWarning,
      {
        kind: 'soft',
        recipient: 'ivan@example.org',
        status: '4.7.1',
        diagnostic: 'ivan@example.org host mx.example.org [192.0.2.7]: 451 4.7.1 Greylisted, please try again later',
      },
    ],
    [
      'qmail',
      qmail,
      { kind: 'hard', recipient: 'judy@example.org', status: '5.1.1', diagnostic: '<judy@example.org>: Sorry, no mailbox here by that name. (#5.1.1)' },
    ],
    [
      'DSN with several recipients: the failed one decides',
      dsnSeveralRecipients,
      { kind: 'hard', recipient: 'niaj@example.org', status: '5.7.1', diagnostic: '550 5.7.1 Message rejected due to local policy' },
    ],
    [
      'success DSN is not a failure',
      dsnDelivered,
      { kind: 'unknown', recipient: 'olivia@example.org', status: '2.0.0', diagnostic: '250 2.0.0 Ok: queued as 12345' },
    ],
    [
      'failed DSN without Status',
      dsnNoStatus,
      { kind: 'hard', recipient: 'peggy@example.org', status: '550', diagnostic: '550 Requested action not taken: mailbox unavailable' },
    ],
    [
      'DSN fields in a text body',
      dsnInline,
      { kind: 'hard', recipient: 'quentin@example.org', status: '5.1.2', diagnostic: '550 5.1.2 Host unknown' },
    ],
    ['CRLF line endings, as a Buffer', Buffer.from(postfixUserUnknown.replace(/\n/g, '\r\n')), {
      kind: 'hard',
      recipient: 'bob@example.com',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    }],
    ['an ordinary reply', ordinary, { kind: 'unknown' }],
    ['empty input', '', { kind: 'unknown' }],
  ])('%s', async (_name, raw, expected) => {
    expect(await parseBounce(raw)).toStrictEqual(expected);
  });
});

describe('classifyText', () => {
  it.each<[string, string, string | undefined]>([
    ['550 5.1.1 <x@y.z>: User unknown', 'hard', '5.1.1'],
    ['452 4.2.2 Mailbox full', 'soft', '4.2.2'],
    ['552 Mailbox size limit exceeded', 'soft', '552'],
    ['User is over the quota. You can try again later.', 'soft', undefined],
    ['421 Service not available, closing channel', 'soft', '421'],
    ['Sorry, no mailbox here by that name.', 'hard', undefined],
    ['The recipient does not exist', 'hard', undefined],
    ['Message delivery has been delayed', 'soft', undefined],
    ['host 192.168.5.1 timed out; version 1.2.3 is installed', 'unknown', undefined],
    ['Thank you for your message.', 'unknown', undefined],
  ])('%j → %s', (text, kind, status) => {
    const v = classifyText(text);
    expect(v.kind).toBe(kind);
    expect(v.status).toBe(status);
  });
});

describe('parseDsn', () => {
  it('unfolds fields and strips address/diagnostic types', () => {
    expect(
      parseDsn('Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822;<x@y.z>\nAction: Failed\nStatus: 5.0.0 (permanent failure)\nDiagnostic-Code: smtp;\n  550 no\n'),
    ).toStrictEqual([
      { finalRecipient: 'x@y.z', originalRecipient: undefined, action: 'failed', status: '5.0.0', diagnostic: '550 no' },
    ]);
  });
});

describe('policy rejections: Tacit\'s mail refused, not the address', () => {
  const report = (status: string, diagnostic: string) => `From: MAILER-DAEMON@mx.example.net
To: ${VERP}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; someone@example.com
Action: failed
Status: ${status}
Diagnostic-Code: smtp; ${diagnostic}

--B--
`;

  it.each([
    ['5.7.26', '550-5.7.26 Unauthenticated email from tacit.test is not accepted due to domain\'s DMARC policy'],
    ['5.7.515', '550 5.7.515 Access denied, sending domain tacit.test does not meet the required authentication level'],
    ['5.7.1', '550 5.7.1 Email rejected per DMARC policy for tacit.test'],
    ['5.7.1', '554 5.7.1 This message has been blocked because it is unauthenticated'],
  ])('%s "%s" is a policy rejection', async (status, diagnostic) => {
    expect((await parseBounce(report(status, diagnostic))).kind).toBe('policy');
  });

  it.each([
    ['5.1.1', '550 5.1.1 user unknown'],
    ['5.7.1', '550 5.7.1 Relaying denied'],
    ['5.7.1', '550 5.7.1 recipient address rejected: mailbox disabled'],
  ])('%s "%s" stays a hard bounce', async (status, diagnostic) => {
    expect((await parseBounce(report(status, diagnostic))).kind).toBe('hard');
  });
});
