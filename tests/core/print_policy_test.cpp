// Citizen print allowances per zone profile and configuration, and the per-job length.

#include "print_policy.h"

#include <gtest/gtest.h>

using namespace zwgk;

TEST(PrintPolicy, ProfilesSetTheCitizenAllowance) {
    EXPECT_EQ(printPolicyFor("hall", std::nullopt).citizenPagesPerSession, kHallCitizenPages);
    EXPECT_EQ(printPolicyFor("library", std::nullopt).citizenPagesPerSession, 0);
    EXPECT_EQ(printPolicyFor("hall", std::string("")).citizenPagesPerSession, kHallCitizenPages);
}

TEST(PrintPolicy, ConfigurationOverridesTheProfile) {
    EXPECT_EQ(printPolicyFor("library", std::string("5")).citizenPagesPerSession, 5);
    EXPECT_EQ(printPolicyFor("hall", std::string("0")).citizenPagesPerSession, 0);
    const PrintPolicy p = printPolicyFor("hall", std::string("200"));
    EXPECT_EQ(p.citizenPagesPerSession, 200);
    EXPECT_TRUE(p.problem.empty());
}

TEST(PrintPolicy, MalformedConfigurationKeepsTheProfileAndSaysWhy) {
    for (const char* bad : {"-1", "201", "10 pages", "ten", "1e3", " 7"}) {
        const PrintPolicy p = printPolicyFor("hall", std::string(bad));
        EXPECT_EQ(p.citizenPagesPerSession, kHallCitizenPages) << bad;
        EXPECT_NE(p.problem.find("print.citizen_pages"), std::string::npos) << bad;
    }
}

TEST(PrintPolicy, CitizensPrintWithinTheSessionAllowance) {
    const PrintPolicy p = printPolicyFor("hall", std::string("10"));
    EXPECT_EQ(checkPrint(p, false, 0, 10).verdict, PrintVerdict::Allowed);
    EXPECT_EQ(checkPrint(p, false, 0, 11).verdict, PrintVerdict::OverSessionLimit);
    PrintCheck c = checkPrint(p, false, 7, 4);
    EXPECT_EQ(c.verdict, PrintVerdict::OverSessionLimit);
    EXPECT_EQ(c.pagesLeft, 3);
    c = checkPrint(p, false, 7, 3);
    EXPECT_EQ(c.verdict, PrintVerdict::Allowed);
    EXPECT_EQ(checkPrint(p, false, 12, 1).pagesLeft, 0);
}

TEST(PrintPolicy, ProfilesThatForbidCitizenPrintingStillLetStaffPrint) {
    const PrintPolicy p = printPolicyFor("library", std::nullopt);
    EXPECT_EQ(checkPrint(p, false, 0, 1).verdict, PrintVerdict::CitizensMayNotPrint);
    const PrintCheck staff = checkPrint(p, true, 500, 40);
    EXPECT_EQ(staff.verdict, PrintVerdict::Allowed);
    EXPECT_EQ(staff.pagesLeft, -1);
}

TEST(PrintPolicy, NoJobLongerThanTheHallPrinterAllows) {
    const PrintPolicy p = printPolicyFor("hall", std::string("200"));
    EXPECT_EQ(checkPrint(p, true, 0, kMaxPagesPerJob).verdict, PrintVerdict::Allowed);
    EXPECT_EQ(checkPrint(p, true, 0, kMaxPagesPerJob + 1).verdict, PrintVerdict::TooLong);
    EXPECT_EQ(checkPrint(p, false, 0, 300).verdict, PrintVerdict::TooLong);
}
