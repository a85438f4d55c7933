BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'We have received the application of %(organisation_name)s to the coaching programme “%(cohort_name)s”. Thank you.') SS SSSS SSSSSSSS SSS SSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSS SSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSSSS SSSSS SSSS

 gettext(u'Your motivation, as you sent it:') 


 gettext(u"The call closes on %(closes)s. The agency then scores every application on the programme's criteria (transformational aim, feasibility, human resources, financial resources) and tells each applicant its decision by e-mail, before the coaching starts on %(starts)s.") SSS SSSS SSSSSS SS SSSSSSSSSSS SSS SSSSSS SSSS SSSSSS SSSSS SSSSSSSSSSS SS SSS SSSSSSSSSSS SSSSSSSS SSSSSSSSSSSSSSSSS SSSS SSSSSSSSSSSS SSSSS SSSSSSSSSS SSSSSSSSS SSSSSSSSSS SSS SSSSS SSSS SSSSSSSSS SSS SSSSSSSS SS SSSSSSS SSSSSS SSS SSSSSSSS SSSSSS SS SSSSSSSSSSS

 gettext(u"The programme's open calls:") 


XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB
