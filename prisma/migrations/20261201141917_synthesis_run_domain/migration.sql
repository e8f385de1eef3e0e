-- AlterTable
ALTER TABLE "SynthesisRun" ADD COLUMN     "domain" TEXT;
