BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'%(reference)s: the grant agreement is signed') SSSSSSSSSSSSSS SSS SSSSS SSSSSSSSS SS SSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The grant agreement for the application %(reference)s (“%(title)s”) was signed on %(date)s. The advance of %(advance)s will be paid to you shortly.') SSS SSSSS SSSSSSSSS SSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SSS SSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSSSSSSSSSS SSSS SS SSSS SS SSS SSSSSSSSXXXX
XXX gettext(u'Once the project is done, submit the final report with the invoices and the proofs of payment: the balance is paid on it.') XXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB
